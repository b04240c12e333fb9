import type { HandlerMap } from '../../handler';
import { exportScoringSheets, importScoringSheets } from './round-sheets.service';
import { acceptWhatIf, annualResults, getRoundResults, whatIfRound } from './round-results.service';
import { assertOwnSheet } from '../../platform/security/record-access';
import { roundActor } from './round-guards';
import { getRoundDetail, listRounds } from './round-queries.service';
import { assignAssessors, createRound, refreezeRound } from './round-lifecycle.service';
import { advanceRound, unlockRound } from './round-transitions.service';
import { getForm, setBonus, setItem, setVeto, submitForm } from './scoring-form.service';
import { addDeduction, removeDeduction } from './deductions.service';
import { attachmentFile } from './attachments.service';
import { settle, spreadFor } from './reconciliation.service';
import { addAppeal, decideAppeal } from './appeals.service';
import { roundRectifications, verifyRectification } from './rectification.service';

type RoundChannel =
  | 'rounds:list'
  | 'rounds:create'
  | 'rounds:get'
  | 'rounds:refreeze'
  | 'rounds:assign'
  | 'rounds:advance'
  | 'rounds:unlock'
  | 'rounds:form'
  | 'rounds:setItem'
  | 'rounds:addDeduction'
  | 'rounds:removeDeduction'
  | 'rounds:setBonus'
  | 'rounds:setVeto'
  | 'rounds:submitForm'
  | 'rounds:verifyRectification'
  | 'rounds:spread'
  | 'rounds:settle'
  | 'rounds:addAppeal'
  | 'rounds:decideAppeal'
  | 'rounds:results'
  | 'rounds:whatIf'
  | 'rounds:acceptWhatIf'
  | 'rounds:annual'
  | 'rounds:rectifications'
  | 'rounds:exportSheets'
  | 'rounds:attachment'
  | 'rounds:importSheets';

export const roundsHandlers: HandlerMap<RoundChannel> = {
  'rounds:list': async ({ app }) => listRounds(app),
  'rounds:create': async ({ app, actor }, input) => createRound(app, roundActor(actor), input),
  'rounds:get': async ({ app }, { roundId }) => getRoundDetail(app, roundId),
  'rounds:refreeze': async ({ app, actor }, { roundId }) => refreezeRound(app, roundActor(actor), roundId),
  'rounds:assign': async ({ app, actor }, { roundId, assignments }) => assignAssessors(app, roundActor(actor), roundId, assignments),
  'rounds:advance': async ({ app, actor }, { roundId, to, comment, communityIds, docNumber }) =>
    advanceRound(app, roundActor(actor), roundId, to, { comment, communityIds, docNumber }),
  'rounds:unlock': async ({ app, actor }, { roundId, reason }) => unlockRound(app, roundActor(actor), roundId, reason),
  'rounds:form': async ({ app, actor }, { roundId, communityId, assessor }) => {
    assertOwnSheet(roundActor(actor), assessor);
    return getForm(app, roundId, communityId, assessor);
  },
  'rounds:setItem': async ({ app, actor }, input) => {
    assertOwnSheet(roundActor(actor), input.assessor);
    return setItem(app, roundActor(actor), input);
  },
  'rounds:addDeduction': async ({ app, actor }, input) => {
    assertOwnSheet(roundActor(actor), input.assessor);
    return addDeduction(app, roundActor(actor), input);
  },
  'rounds:removeDeduction': async ({ app, actor }, { roundId, deductionId, reason }) =>
    removeDeduction(app, roundActor(actor), roundId, deductionId, reason),
  'rounds:setBonus': async ({ app, actor }, input) => {
    assertOwnSheet(roundActor(actor), input.assessor);
    return setBonus(app, roundActor(actor), input);
  },
  'rounds:setVeto': async ({ app, actor }, input) => {
    assertOwnSheet(roundActor(actor), input.assessor);
    return setVeto(app, roundActor(actor), input);
  },
  'rounds:submitForm': async ({ app, actor }, { roundId, communityId }) => submitForm(app, roundActor(actor), roundId, communityId),
  'rounds:verifyRectification': async ({ app, actor }, input) => verifyRectification(app, roundActor(actor), input),
  'rounds:spread': async ({ app }, { roundId, communityId }) => spreadFor(app, roundId, communityId),
  'rounds:settle': async ({ app, actor }, input) => settle(app, roundActor(actor), input),
  'rounds:addAppeal': async ({ app, actor }, input) => addAppeal(app, roundActor(actor), input),
  'rounds:decideAppeal': async ({ app, actor }, input) => decideAppeal(app, roundActor(actor), input),
  'rounds:results': async ({ app }, { roundId }) => getRoundResults(app, roundId),
  'rounds:whatIf': async ({ app }, { roundId, standardVersion }) => whatIfRound(app, roundId, standardVersion),
  'rounds:acceptWhatIf': async ({ app, actor }, { roundId, standardVersion, reason }) =>
    acceptWhatIf(app, roundActor(actor), roundId, standardVersion, reason),
  'rounds:annual': async ({ app }, { year, kind }) => annualResults(app, year, kind),
  'rounds:rectifications': async ({ app }, { roundId }) => roundRectifications(app, roundId),
  'rounds:exportSheets': async ({ app }, { roundId }) => {
    const name = `现场评分表-${roundId}.xlsx`;
    const out = app.files.createOutput(name);
    const { sheets } = await exportScoringSheets(app, roundId, out.path);
    return { fileId: out.fileId, name, sheets };
  },
  'rounds:attachment': async ({ app }, { sha256 }) => attachmentFile(app, sha256),
  'rounds:importSheets': async ({ app, actor }, { roundId, fileId, dryRun }) =>
    importScoringSheets(app, roundActor(actor), roundId, app.files.resolve(fileId).path, dryRun),
};
