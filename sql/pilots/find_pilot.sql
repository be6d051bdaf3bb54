select * from pilots where pilot_id = $pilot_id
