-- Sign-in and accountability. Users sign in with a password (hashed with Argon2id; the hash
-- string holds its own salt and parameters) or through single sign-on; a session is a row
-- here, found by the SHA-256 of the cookie's random value, so a copy of the database does not
-- hold usable cookies. API tokens likewise keep only their hash.
create sequence if not exists user_seq start 1;
create table if not exists users (
    user_id         integer primary key default nextval('user_seq'),
    email           varchar not null unique,   -- stored lower-case
    role            varchar not null,          -- viewer | analyst | admin
    password_hash   varchar,                   -- null: no password yet (a one-time link) or SSO only
    created_at      timestamptz not null,
    disabled_at     timestamptz
);

create table if not exists sessions (
    session_hash    varchar primary key,       -- sha256 hex of the cookie value
    user_id         integer not null,
    created_at      timestamptz not null,
    last_seen_at    timestamptz not null,
    expires_at      timestamptz not null,      -- absolute expiry; idle expiry is last_seen_at + idle
    ip              varchar,
    user_agent      varchar
);

-- One-time links: the first admin's setup link and a new user's set-password link.
create table if not exists one_time_links (
    link_hash       varchar primary key,
    user_id         integer,                   -- null: the setup link, which creates the first admin
    purpose         varchar not null,          -- setup | set-password
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    used_at         timestamptz
);

create sequence if not exists api_token_seq start 1;
create table if not exists api_tokens (
    token_id        integer primary key default nextval('api_token_seq'),
    name            varchar not null,
    role            varchar not null,
    token_hash      varchar not null unique,   -- sha256 hex of the secret
    prefix          varchar not null,          -- the secret's first characters, to tell tokens apart
    created_at      timestamptz not null,
    created_by      varchar,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);

-- Who did what, when: sign-ins (and failures), imports, exports, erasures, user and token changes.
create sequence if not exists audit_seq start 1;
create table if not exists audit_log (
    audit_id        bigint primary key default nextval('audit_seq'),
    happened_at     timestamptz not null,
    actor_kind      varchar,                   -- user | token | cli | local | anonymous
    actor           varchar,                   -- the email, token name, 'cli' or 'local'
    action          varchar not null,          -- sign-in, sign-in-failed, import, export, erase, user-add, ...
    subject         varchar,                   -- what it acted on: a user's email, a run id, a path-free file name
    detail          varchar,                   -- a short JSON object
    ip              varchar
);
