// DeskStores: the four stores the reviewer desk works with, each its own small interface
// (reviewer_roster.h, tip_desk.h, desk_reports.h, audit_log.h), handed over together.
#pragma once

#include "dialogs/audit_log.h"
#include "dialogs/desk_reports.h"
#include "dialogs/reviewer_roster.h"
#include "dialogs/tip_desk.h"

namespace netra {

struct DeskStores {
  DeskStores() = default;
  // From one object that implements all four (SqliteDeskStore); null gives no desk.
  template <typename All>
  DeskStores(All* all) : roster(all), tips(all), reports(all), audit(all) {}  // NOLINT: implicit on purpose

  explicit operator bool() const { return roster && tips && reports && audit; }

  ReviewerRoster* roster = nullptr;
  TipDesk* tips = nullptr;
  DeskReports* reports = nullptr;
  AuditLog* audit = nullptr;
};

}  // namespace netra
