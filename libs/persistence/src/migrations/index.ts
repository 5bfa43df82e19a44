// Every migration, in the order they run. TypeORM orders by the 13-digit timestamp that ends each class name.
import { CreateLedgerTables1767225600000 } from './1767225600000-create-ledger-tables.js';
import { AppendOnlyEvents1767225600001 } from './1767225600001-append-only-events.js';
import { LedgerAppRole1767225600002 } from './1767225600002-ledger-app-role.js';
import { ApiKeys1767225600100 } from './1767225600100-api-keys.js';
import { ReadModels1767225600200 } from './1767225600200-read-models.js';
import { EvidenceIndexFewerIndexes1767225600300 } from './1767225600300-evidence-index-fewer-indexes.js';
import { UnusableEvents1767225601000 } from './1767225601000-unusable-events.js';
import { MerkleTree1767225604000 } from './1767225604000-merkle-tree.js';
import { EvidenceFiles1767225606000 } from './1767225606000-evidence-files.js';
import { UnitScoreSteps1767225607000 } from './1767225607000-unit-score-steps.js';
import { ApiKeysNotify1767225607001 } from './1767225607001-api-keys-notify.js';
import { UnitScoreRevisions1767225607100 } from './1767225607100-unit-score-revisions.js';
import { EvidenceIndexIndicators1767225608000 } from './1767225608000-evidence-index-indicators.js';

export { LEDGER_APP_ROLE } from './1767225600002-ledger-app-role.js';

export const MIGRATIONS = [
  CreateLedgerTables1767225600000,
  AppendOnlyEvents1767225600001,
  LedgerAppRole1767225600002,
  ApiKeys1767225600100,
  ReadModels1767225600200,
  EvidenceIndexFewerIndexes1767225600300,
  UnusableEvents1767225601000,
  MerkleTree1767225604000,
  EvidenceFiles1767225606000,
  UnitScoreSteps1767225607000,
  ApiKeysNotify1767225607001,
  UnitScoreRevisions1767225607100,
  EvidenceIndexIndicators1767225608000,
];
