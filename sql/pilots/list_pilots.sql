select * from pilots order by starts_at desc, pilot_id desc
