// Which Postgres errors mean the server or the connection went away (waited out by `sync --workers`),
// and which are the work's own (raised at once).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { connectionCause, isConnectionLoss } from "../../../runtime/destinations/postgres/connection-loss.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test("a server shutting down or starting up, a refused or reset socket, a dropped connection: connection loss", () => {
  assert.ok(isConnectionLoss(withCode("terminating connection due to administrator command", "57P01")));
  assert.ok(isConnectionLoss(withCode("the database system is starting up", "57P03")));
  assert.ok(isConnectionLoss(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")));
  assert.ok(isConnectionLoss(withCode("read ECONNRESET", "ECONNRESET")));
  assert.ok(isConnectionLoss(new Error("Connection terminated unexpectedly")));
});

test("wrapped in our own errors (cause), still connection loss", () => {
  const wrapped = new Error("postgres destination: connect failed", { cause: withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED") });
  assert.ok(isConnectionLoss(wrapped));
});

test("errors of the work itself are not: a missing table, a unique violation, a plain error, a non-error", () => {
  assert.not.ok(isConnectionLoss(withCode('relation "customer_support._gc_runs" does not exist', "42P01")));
  assert.not.ok(isConnectionLoss(withCode("duplicate key value violates unique constraint", "23505")));
  assert.not.ok(isConnectionLoss(new Error("run r vanished from _gc_runs")));
  assert.not.ok(isConnectionLoss("ECONNREFUSED"));
});

test("a wrapping error keeps only the code of a connection loss as its cause, never the message", () => {
  const cause = connectionCause(withCode("connect ECONNREFUSED postgres://me:hunter2@db:5432", "ECONNREFUSED"));
  assert.is((cause as Error & { code?: string }).code, "ECONNREFUSED");
  assert.not.match(cause?.message ?? "", "hunter2");
  assert.ok(isConnectionLoss(new Error("postgres: cannot connect", { cause })));
  assert.is(connectionCause(withCode("password authentication failed", "28P01")), undefined);
});

test.run();
