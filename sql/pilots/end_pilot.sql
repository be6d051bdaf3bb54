-- Ends a running pilot at an instant (metrics/pilots.ts endPilotAudited): its after period
-- then stops there, and its verdict is final once as_of passes it.
update pilots
set ends_at = cast($ends_at as timestamptz)
where pilot_id = $pilot_id
returning *
