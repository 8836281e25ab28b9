-- Why this test exists: each Table 5 line prints three amounts (cooperant contribution,
-- district counterpart, total). The total is published, not recomputed, so a transcription
-- or parsing error in any of the three columns is caught by checking the line's own
-- arithmetic: contribution + counterpart = total, to the cent. Returns the failing lines.
select
    interaction_id,
    source_section,
    cooperant_contribution_cop,
    district_counterpart_cop,
    total_value_cop,
    cooperant_contribution_cop + district_counterpart_cop - total_value_cop as difference_cop
from {{ ref('fct_contributions') }}
where cooperant_contribution_cop + district_counterpart_cop is distinct from total_value_cop
