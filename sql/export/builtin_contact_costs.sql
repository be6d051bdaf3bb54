-- export:       the built-in per-contact cost estimates metrics/unit_economics.sql falls back
--               on. A constant view at home; exported so the reader needs no model layer.
select
    *
from builtin_contact_costs
