-- Erlang C: live channels (chat, phone) staffed for a service level. `traffic` is the offered
-- load in Erlangs (arrivals per hour x handle hours), `agents` the agents on hand. The
-- formulas are the textbook ones (A. K. Erlang 1917; e.g. Gans, Koole & Mandelbaum, "Telephone
-- call centers", M&SOM 2003, section 4.1), computed through Erlang B's recursion, which stays
-- finite where traffic^agents / agents! would not:
--   B(0) = 1,  B(n) = A B(n-1) / (n + A B(n-1))
--   C(n) = n B(n) / (n - A (1 - B(n)))                  the probability that a contact waits
--   SL(n) = 1 - C(n) exp(-(n - A) answer_seconds / handle_seconds)
-- With no more agents than the traffic the queue never clears: C is 1 and SL 0.
create or replace macro dp_erlang_b(agents, traffic) as
    list_reduce(
        range(1, agents + 1),
        (b, n) -> traffic * b / (n + traffic * b),
        1.0::double
    );

create or replace macro dp_erlang_c(agents, traffic) as
    case
        when traffic <= 0 then 0.0
        when agents <= traffic then 1.0
        else agents * dp_erlang_b(agents, traffic) / (agents - traffic * (1 - dp_erlang_b(agents, traffic)))
    end;

create or replace macro dp_erlang_service_level(agents, traffic, answer_seconds, handle_seconds) as
    case
        when traffic <= 0 then 1.0
        when agents <= traffic then 0.0
        else 1 - dp_erlang_c(agents, traffic) * exp(-(agents - traffic) * answer_seconds / handle_seconds)
    end;

-- One step of the search for agents: Erlang B at `agents` from its value at one agent fewer,
-- and `agents` itself when that many reach the service level.
create or replace macro dp_erlang_step(b_before, agents, traffic, answer_seconds, handle_seconds, service_level) as
    struct_pack(
        b := traffic * b_before / (agents + traffic * b_before),
        agents := case
            when 1 - agents * (traffic * b_before / (agents + traffic * b_before))
                    / (agents - traffic * (1 - traffic * b_before / (agents + traffic * b_before)))
                    * exp(-(agents - traffic) * answer_seconds / handle_seconds) >= service_level
                then agents
        end
    );

-- The fewest agents that answer `service_level` of contacts within `answer_seconds`: 0 when
-- nothing arrives. The search walks up from the first count above the traffic, carrying
-- Erlang B from one count to the next (one pass, not one recursion per count), and stops
-- looking at traffic + 200, far past any service level's need (null past it).
create or replace macro dp_erlang_agents(traffic, answer_seconds, handle_seconds, service_level) as
    case
        when traffic <= 0 then 0
        -- (list_reduce carries a value of its elements' type: the counts go in as structs too.)
        else list_reduce(
            list_transform(
                range(cast(floor(traffic) as bigint) + 1, cast(floor(traffic) as bigint) + 201),
                n -> struct_pack(b := 0.0::double, agents := n)
            ),
            (found, next) -> case
                when found.agents is not null then found
                else dp_erlang_step(found.b, next.agents, traffic, answer_seconds, handle_seconds, service_level)
            end,
            struct_pack(b := dp_erlang_b(cast(floor(traffic) as bigint), traffic)::double, agents := null::bigint)
        ).agents
    end;
