/** The health check of the database (`check` on the command line): reads only, changes nothing. */
import type { AppContext } from '../../app-context';
import { verifyAuditChain } from '../../platform/audit/audit-log';
import { foreignKeyCheck, integrityCheck, schemaProblems } from '../../platform/db/dialect';

export async function checkDatabase(app: AppContext) {
  const integrity = await integrityCheck(app.db);
  const foreignKeys = await foreignKeyCheck(app.db);
  const schema = await schemaProblems(app.db, app.schemaVersion);
  const audit = await verifyAuditChain(app.db);
  return {
    ok: integrity.length === 0 && foreignKeys.length === 0 && schema.length === 0 && audit.ok,
    integrity,
    foreignKeyProblems: foreignKeys.length,
    schema,
    audit,
  };
}
