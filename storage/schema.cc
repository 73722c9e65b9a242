// Netra's SQLite schema as versioned migrations. Append new steps; never edit a released one.
#include "storage/database.h"

namespace netra {

const std::vector<Migration>& SchemaMigrations() {
  static const std::vector<Migration> migrations = {
      {1, R"sql(
        -- Questions Netra declined, as masked text only, so curators can extend the base.
        CREATE TABLE unanswered_question (
          normalized TEXT PRIMARY KEY,
          example    TEXT NOT NULL,
          count      INTEGER NOT NULL DEFAULT 1,
          first_seen INTEGER NOT NULL,
          last_seen  INTEGER NOT NULL
        );
        -- Answer feedback per knowledge entry, never per person.
        CREATE TABLE entry_feedback (
          entry_id TEXT PRIMARY KEY,
          helpful  INTEGER NOT NULL DEFAULT 0,
          unhelpful INTEGER NOT NULL DEFAULT 0
        );
      )sql"},
      {2, R"sql(
        -- One conversation per user, keyed by pseudonym; data is the draft being filled.
        CREATE TABLE session (
          user_key   TEXT PRIMARY KEY,
          state      TEXT NOT NULL,
          data       TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        );
        -- A tip carries no link to its tipster but its ticket code.
        CREATE TABLE tip (
          code        TEXT PRIMARY KEY,
          category    TEXT NOT NULL,
          who         TEXT NOT NULL,
          place       TEXT NOT NULL,
          happened_on TEXT NOT NULL,
          what        TEXT NOT NULL,
          status      TEXT NOT NULL DEFAULT 'baru',
          created_at  INTEGER NOT NULL,
          updated_at  INTEGER NOT NULL
        );
        CREATE INDEX tip_by_status ON tip (status, created_at);
        CREATE TABLE tip_evidence (
          id           INTEGER PRIMARY KEY,
          tip_code     TEXT NOT NULL REFERENCES tip (code),
          kind         TEXT NOT NULL,  -- photo, document, link
          provider_ref TEXT NOT NULL,  -- file id, media id or the link
          mime         TEXT NOT NULL DEFAULT '',
          size         INTEGER NOT NULL DEFAULT 0
        );
        -- Messages on a tip: to_tipster (reviewer questions, notices), from_tipster (answers).
        CREATE TABLE tip_message (
          id         INTEGER PRIMARY KEY,
          tip_code   TEXT NOT NULL REFERENCES tip (code),
          direction  TEXT NOT NULL,
          body       TEXT NOT NULL,
          created_at INTEGER NOT NULL
        );
        -- The sealed way back to a tipster, apart from the tip; deleted at close or expiry.
        CREATE TABLE tip_handle (
          tip_code   TEXT PRIMARY KEY REFERENCES tip (code),
          sealed     BLOB NOT NULL,
          expires_at INTEGER NOT NULL
        );
        -- Tips per (keyed pseudonym, day) for the daily limit; the bucket name links to no tip.
        CREATE TABLE tip_rate (
          bucket TEXT PRIMARY KEY,
          day    INTEGER NOT NULL,
          count  INTEGER NOT NULL
        );
      )sql"},
      {3, R"sql(
        -- Provider update ids already handled (update_id, wamid), written in the same transaction
        -- as the dialog step and its replies, so a redelivery is acknowledged and skipped.
        CREATE TABLE processed_update (
          channel      TEXT NOT NULL,
          update_key   TEXT NOT NULL,
          processed_at INTEGER NOT NULL,
          PRIMARY KEY (channel, update_key)
        );
        -- Replies waiting for delivery. The destination is sealed; chat_key (a keyed hash of it)
        -- keeps each chat's order. A delivered row is deleted.
        CREATE TABLE outbox (
          id              INTEGER PRIMARY KEY,
          channel         TEXT NOT NULL,
          chat_key        TEXT NOT NULL,
          destination     BLOB NOT NULL,
          method          TEXT NOT NULL,
          payload         TEXT NOT NULL,
          status          TEXT NOT NULL DEFAULT 'pending',
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_ms INTEGER NOT NULL,
          created_at      INTEGER NOT NULL,
          last_error      TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX outbox_by_chat ON outbox (chat_key, status, id);
      )sql"},
      {4, R"sql(
        -- The reviewer desk. Reviewers are staff: their ids are kept in clear, tipsters' never.
        ALTER TABLE tip ADD COLUMN claimed_by TEXT;
        ALTER TABLE tip ADD COLUMN claimed_at INTEGER;
        ALTER TABLE tip ADD COLUMN forwarded_to TEXT;
        ALTER TABLE tip ADD COLUMN closed_at INTEGER;
        ALTER TABLE tip_message ADD COLUMN author TEXT;  -- the reviewer; NULL for the tipster
        -- Evidence files are fetched from the provider, stripped of metadata and kept on disk.
        ALTER TABLE tip_evidence ADD COLUMN channel TEXT NOT NULL DEFAULT '';
        ALTER TABLE tip_evidence ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';  -- pending, stored, flagged, failed, link
        ALTER TABLE tip_evidence ADD COLUMN sha256 TEXT NOT NULL DEFAULT '';
        ALTER TABLE tip_evidence ADD COLUMN stored_path TEXT NOT NULL DEFAULT '';
        ALTER TABLE tip_evidence ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE reviewer (
          channel  TEXT NOT NULL,
          user_id  TEXT NOT NULL,
          role     TEXT NOT NULL,  -- reviewer or admin
          added_at INTEGER NOT NULL,
          PRIMARY KEY (channel, user_id)
        );
        -- Append-only, hash-chained record of every desk action.
        CREATE TABLE audit_log (
          id        INTEGER PRIMARY KEY,
          at        INTEGER NOT NULL,
          actor     TEXT NOT NULL,
          action    TEXT NOT NULL,
          tip_code  TEXT NOT NULL DEFAULT '',
          detail    TEXT NOT NULL DEFAULT '',
          prev_hash TEXT NOT NULL,
          hash      TEXT NOT NULL
        );
        -- The newest entry, MACed under the secret key: deleting the newest entries shows too.
        CREATE TABLE audit_head (
          one       INTEGER PRIMARY KEY CHECK (one = 1),
          last_id   INTEGER NOT NULL,
          last_hash TEXT NOT NULL,
          mac       TEXT NOT NULL
        );
      )sql"},
      {5, R"sql(
        -- Provider update ids are kept only as keyed digests: a WhatsApp message id carries the
        -- sender's phone number. The time is kept to the day, enough to expire the rows.
        UPDATE processed_update
           SET update_key = netra_update_key(channel, update_key),
               processed_at = processed_at - processed_at % 86400;
        -- Deliveries of an update that did not complete (failed, over its time budget, or the
        -- process died). Written before the update is processed; removed when it commits.
        CREATE TABLE update_attempt (
          channel    TEXT NOT NULL,
          update_key TEXT NOT NULL,  -- keyed digest, as in processed_update
          attempts   INTEGER NOT NULL,
          reason     TEXT NOT NULL DEFAULT '',
          PRIMARY KEY (channel, update_key)
        );
        -- Updates that failed twice, acknowledged so the provider stops re-delivering them. No user
        -- text and no provider id is kept: only what an operator needs to look for the fault.
        CREATE TABLE quarantined_update (
          id             INTEGER PRIMARY KEY,
          channel        TEXT NOT NULL,
          update_key     TEXT NOT NULL,  -- keyed digest
          kind           TEXT NOT NULL,  -- text, button, media, location, unsupported, ignored
          reason         TEXT NOT NULL,
          attempts       INTEGER NOT NULL,
          quarantined_at INTEGER NOT NULL  -- to the hour
        );
        -- /status lookups of unknown codes per (keyed pseudonym, hour), to keep guessing slow.
        CREATE TABLE status_miss (
          bucket TEXT PRIMARY KEY,
          hour   INTEGER NOT NULL,
          count  INTEGER NOT NULL
        );
      )sql"},
      {6, R"sql(
        -- Evidence fetches back off per row: a pending row is not tried again before this time
        -- (seconds since the epoch). Rows pending today are due at once.
        ALTER TABLE tip_evidence ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX tip_evidence_due ON tip_evidence (status, next_attempt_at);
      )sql"},
  };
  return migrations;
}

}  // namespace netra
