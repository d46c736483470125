// Package web is lkjip's upload service: a page in Bahasa Indonesia where
// finance staff upload one agency's spreadsheets and get the summary, the
// findings table and the downloads (report workbook, JSON), and an API for
// scripts (POST /api/check, /api/report; GET /healthz).
//
// Every limit is explicit and configurable (Config): request size (413),
// files per request, concurrent jobs with a bounded queue (503 with
// Retry-After), time per job, and the reader's own limits on size, rows and
// columns. Results are kept in temporary storage under an unguessable token
// for a limited time, then deleted; no name sent by a user is ever used as
// a path. Pages are html/template, work without JavaScript, and are served
// with security headers.
package web
