/**
 * One appraised unit at a time, as the 单位名单 page edits them: add, correct (名称, 简称, 代码,
 * 联系人, 电话) and remove. A 街道's code has 9 digits, a 县区's 6 (unitCodeProblem); names and
 * codes are unique within a kind. A unit a round has appraised is kept: its past results name it.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { unitCodeProblem } from '../../../../shared/domain/levels/levels';
import type { AppContext } from '../../app-context';
import { appendAudit } from '../../platform/audit/audit-log';
import {
  deleteUnit,
  insertUnit,
  listUnitRows,
  nextPosition,
  roundsOfUnit,
  unitRowsByIds,
  updateUnit,
  type AppraisedKind,
} from './levels.repository';
import { assertAppraisedKind, unitDto, type AppraisedUnitDto } from './units.service';

export interface UnitInput {
  id?: number | undefined;
  kind: AppraisedKind;
  name: string;
  shortName?: string | null | undefined;
  code?: string | null | undefined;
  contact?: string | null | undefined;
  phone?: string | null | undefined;
}

const clean = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** Adds a unit (no id) or corrects one; returns it as listed. */
export async function saveUnit(app: AppContext, actor: string, input: UnitInput): Promise<AppraisedUnitDto> {
  const kind = await assertAppraisedKind(app.db, input.kind);
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', '请填写单位名称。');
  const code = kind === '成员单位' ? null : clean(input.code);
  if (kind !== '成员单位') {
    if (!code) throw new AppError('VALIDATION_FAILED', `请填写${kind}的统计用区划代码（${kind === '街道' ? 9 : 6} 位数字）。`);
    const problem = unitCodeProblem(kind, code);
    if (problem) throw new AppError('VALIDATION_FAILED', `${problem}。请核对后重新填写。`);
  }
  const now = app.now();
  const at = now.toISOString();
  return app.db.transaction().execute(async (trx) => {
    const others = (await listUnitRows(trx, kind)).filter((u) => u.id !== input.id);
    if (others.some((u) => u.name === name)) throw new AppError('CONFLICT', `${kind}名单中已有“${name}”，请换一个名称或修改原有的那一条。`);
    const sameCode = code ? others.find((u) => u.code === code) : undefined;
    if (sameCode) throw new AppError('CONFLICT', `统计用区划代码 ${code} 已属于“${sameCode.name}”，请核对代码。`);
    const values = { name, short_name: clean(input.shortName), code, contact: clean(input.contact), phone: clean(input.phone) };
    let id = input.id;
    if (id === undefined) {
      id = await insertUnit(trx, {
        kind,
        ...values,
        position: await nextPosition(trx, kind),
        source: 'manual',
        created_at: at,
        updated_at: at,
      });
      await appendAudit(trx, { actor, action: 'units.add', entity: 'unit', entityId: id, after: { kind, ...values } }, now);
    } else {
      const [before] = await unitRowsByIds(trx, [id]);
      if (!before || before.kind !== kind) throw new AppError('NOT_FOUND', '找不到这个考评对象，可能已被删除。请刷新名单。');
      await updateUnit(trx, id, { ...values, updated_at: at });
      await appendAudit(
        trx,
        {
          actor,
          action: 'units.update',
          entity: 'unit',
          entityId: id,
          before: { name: before.name, shortName: before.short_name, code: before.code, contact: before.contact, phone: before.phone },
          after: values,
        },
        now,
      );
    }
    const [saved] = await unitRowsByIds(trx, [id]);
    if (!saved) throw new AppError('INTERNAL', '未能保存考评对象。');
    return unitDto(saved);
  });
}

/** Removes a unit no round has appraised; one that a round appraised is kept, and the user told why. */
export async function removeUnit(app: AppContext, actor: string, id: number): Promise<{ removed: string }> {
  const now = app.now();
  return app.db.transaction().execute(async (trx) => {
    const [unit] = await unitRowsByIds(trx, [id]);
    if (!unit) throw new AppError('NOT_FOUND', '找不到这个考评对象，可能已被删除。请刷新名单。');
    const rounds = await roundsOfUnit(trx, id);
    if (rounds.length > 0)
      throw new AppError(
        'ILLEGAL_STATE',
        `“${unit.name}”已参加 ${rounds.join('、')} 的考评，历史考评结果需要它，不能删除。如已撤销，可修改名称注明（如“（已撤销）”），新建考评时不选它即可。`,
      );
    await deleteUnit(trx, id);
    await appendAudit(
      trx,
      { actor, action: 'units.remove', entity: 'unit', entityId: id, before: { kind: unit.kind, name: unit.name, code: unit.code } },
      now,
    );
    return { removed: unit.name };
  });
}
