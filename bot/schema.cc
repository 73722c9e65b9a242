// Netra's SQLite schema as versioned migrations. Append new steps; never edit a released one.
#include "bot/database.h"

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
  };
  return migrations;
}

}  // namespace netra
