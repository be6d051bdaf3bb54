-- The domain's default cost per contact by channel (../domain/001_*.txt, channel table,
-- "Cost per Contact"; docs/metrics.md, "Cost and unit economics"), one row per channel.
-- metrics/unit_economics uses `per_contact_amount`, the midpoint of the domain's range, as
-- cost_per_contact_<channel> (flagged estimated) for a period that imports no cost for the
-- channel. `contact_kind` says what a contact on the channel is: an inbound ticket created on
-- it, or a self-service session of that kind (a search session counts as kb).
-- Amounts are in the currency the costs are imported in; the domain quotes US dollars.
with defaults as (
    select * from (values
        ('kb',        'session',  0.10,  0.10),
        ('bot',       'session',  0.50,  1.00),
        ('community', 'session',  0.25,  0.25),
        ('email',     'ticket',   5.00, 15.00),
        ('chat',      'ticket',   8.00, 12.00),
        ('phone',     'ticket',  15.00, 30.00),
        ('video',     'ticket',  30.00, 50.00),
        ('in_app',    'ticket',   3.00,  8.00)
    ) as t(channel, contact_kind, low_amount, high_amount)
),

final as (
    select
        channel,
        contact_kind,
        cast(low_amount as double) as low_amount,
        cast(high_amount as double) as high_amount,
        (cast(low_amount as double) + cast(high_amount as double)) / 2 as per_contact_amount
    from defaults
)

select * from final
