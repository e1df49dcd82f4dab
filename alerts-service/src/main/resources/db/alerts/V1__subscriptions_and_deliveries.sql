-- The alerts service's own tables, in schema alerts of the same database (Flyway history alerts.flyway_schema_history).

-- A subscriber's wish: alerts of some kinds about one entity, by e-mail or webhook. Its id is random (it cannot be
-- guessed); changing it needs a signed token that was mailed to its address.
CREATE TABLE subscription (
    id                   uuid        PRIMARY KEY,
    email                text        NOT NULL,
    -- The address in lower case: whose subscriptions a manage link shows.
    recipient            text        NOT NULL,
    dimension            text        NOT NULL
        CHECK (dimension IN ('artist', 'release', 'label', 'tag', 'genre', 'country', 'store')),
    entity_id            text        NOT NULL,
    entity_url           text,
    kinds                text[]      NOT NULL,
    channel              text        NOT NULL CHECK (channel IN ('email', 'webhook')),
    webhook_url          text,
    webhook_format       text        CHECK (webhook_format IN ('slack', 'discord', 'json')),
    -- HMAC-SHA256 key of a json webhook's signature, given to the subscriber once.
    webhook_secret       text,
    time_zone            text        NOT NULL,
    quiet_from           time,
    quiet_to             time,
    digest               text        NOT NULL CHECK (digest IN ('none', 'hourly', 'daily')),
    status               text        NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'disabled')),
    -- Why it is disabled (a channel that kept failing), for the API to say.
    status_reason        text,
    created_at           timestamptz NOT NULL,
    confirmed_at         timestamptz,
    ended_at             timestamptz,
    -- Event time of the last spike alerted: spikes within ALERTS_SPIKE_COOLDOWN after it are not.
    last_spike_at        timestamptz,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    CHECK ((channel = 'webhook') = (webhook_url IS NOT NULL)),
    CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
);
CREATE INDEX subscription_target_idx ON subscription (dimension, entity_id) WHERE status = 'active';
CREATE INDEX subscription_recipient_idx ON subscription (recipient, created_at);

-- Where the service's consumers are in their topics: written in the same transaction as the alerts they produced,
-- so a crash or a replay neither loses nor repeats one.
CREATE TABLE consumer_offset (
    topic       text    NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint  NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- Something to tell one subscription, once: a message (delivery) sends one or more of them.
CREATE TABLE delivery (
    id              uuid        PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES subscription (id),
    purpose         text        NOT NULL CHECK (purpose IN ('confirmation', 'alerts')),
    due_at          timestamptz NOT NULL,
    status          text        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- When a dispatcher took it to send: one that stays 'sending' past the lease was cut off by a crash.
    claimed_at      timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX delivery_due_idx ON delivery (due_at) WHERE status IN ('pending', 'sending');
CREATE INDEX delivery_subscription_idx ON delivery (subscription_id, status);

-- One alert per subscription and signal (or sale): the key makes a replay write nothing new.
CREATE TABLE alert (
    subscription_id uuid        NOT NULL REFERENCES subscription (id),
    -- The signal's id, or sale:<saleId>.
    source_id       text        NOT NULL,
    kind            text        NOT NULL,
    -- Event time: when the sale that made it true happened.
    at              timestamptz NOT NULL,
    -- What the message states: the entity, the numbers behind the alert.
    payload         jsonb       NOT NULL,
    delivery_id     uuid        REFERENCES delivery (id),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (subscription_id, source_id)
);
CREATE INDEX alert_delivery_idx ON alert (delivery_id);

-- Keys the service made itself (the tokens' signing key when ALERTS_TOKEN_SECRET is not set), shared by instances.
CREATE TABLE secret (
    name  text  PRIMARY KEY,
    value bytea NOT NULL
);
