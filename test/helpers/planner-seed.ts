/**
 * Seeds rosters with known figures for planner tests: communities, grids with 小组/楼院 户数,
 * 社区工作者, 两委 and 下沉干部 rows in the roster tables (what a roster import leaves behind).
 */
import type { TestApp } from './app-fixture';

export interface SeedCommunity {
  name: string;
  households: number;
  residents: number;
  facilityArea: number;
  /** 户数 per grid; a grid's 楼院 (optional) as [小组, 楼院, 户数]. */
  grids?: { households: number; units?: [string, string, number][] }[];
  workers?: { post: string; grade: number }[];
  /** Birth dates of 居委会 members; the first is 书记 and 主任 when `oneShoulder`. */
  committee?: string[];
  oneShoulder?: boolean;
  cadres?: { lastReport: string | null }[];
  staff?: { full: number; part: number };
}

let personSeq = 0;

export async function seedPlannerRosters(t: TestApp, communities: readonly SeedCommunity[]): Promise<number[]> {
  const db = t.app.db;
  const now = new Date().toISOString();
  const stamp = { created_batch_id: null, updated_batch_id: null, created_at: now, updated_at: now };
  const street =
    (await db.selectFrom('streets').select('id').executeTakeFirst()) ??
    (await db.insertInto('streets').values({ name: '龙塔街道', district_id: null }).returning('id').executeTakeFirstOrThrow());
  const person = async (birth: string | null) => {
    personSeq += 1;
    const r = await db
      .insertInto('persons')
      .values({
        ...stamp,
        id_number: null,
        name: `测试人员${personSeq}`,
        sex: personSeq % 2 ? '男' : '女',
        birth_date: birth,
        ethnicity: null,
        political: null,
        education: '大学本科',
        phone: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  };
  const ids: number[] = [];
  for (const c of communities) {
    const row = await db
      .insertInto('communities')
      .values({
        ...stamp,
        street_id: street.id,
        name: c.name,
        name_key: c.name,
        code: null,
        households: c.households,
        residents: c.residents,
        facility_area: c.facilityArea,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = row.id;
    ids.push(id);
    for (const [gi, g] of (c.grids ?? []).entries()) {
      const code = `C${id}W${gi + 1}`;
      const grid = await db
        .insertInto('grids')
        .values({
          ...stamp,
          community_id: id,
          code,
          code_key: code.toUpperCase(),
          name: `${c.name}第${gi + 1}网格`,
          households: g.households,
          leader_name: '网格长',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [group, yard, hh] of g.units ?? []) {
        await db
          .insertInto('grid_groups')
          .values({
            ...stamp,
            grid_id: grid.id,
            group_name: group,
            group_leader: null,
            courtyard_name: yard,
            courtyard_leader: null,
            households: hh,
            phone: null,
          })
          .execute();
      }
    }
    for (const w of c.workers ?? []) {
      await db
        .insertInto('workers')
        .values({ ...stamp, person_id: await person('1990-01-01'), community_id: id, post_category: w.post, post_grade: w.grade } as never)
        .execute();
    }
    for (const [mi, birth] of (c.committee ?? []).entries()) {
      const top = mi === 0;
      await db
        .insertInto('committee_members')
        .values({
          ...stamp,
          person_id: await person(birth),
          community_id: id,
          party_post: top ? '书记' : null,
          committee_post: top ? (c.oneShoulder ? '主任' : '委员') : '委员',
          one_shoulder: top && c.oneShoulder ? 1 : 0,
          cross_serving: 0,
        } as never)
        .execute();
    }
    for (const cadre of c.cadres ?? []) {
      await db
        .insertInto('cadres')
        .values({
          ...stamp,
          person_id: await person('1980-01-01'),
          community_id: id,
          grid_id: null,
          employer: '市民政局',
          first_report_date: cadre.lastReport,
          last_report_date: cadre.lastReport,
        } as never)
        .execute();
    }
    for (let s = 0; s < (c.staff?.full ?? 0) + (c.staff?.part ?? 0); s += 1) {
      await db
        .insertInto('grid_staff')
        .values({
          ...stamp,
          person_id: await person('1992-01-01'),
          community_id: id,
          staff_type: s < (c.staff?.full ?? 0) ? '专职' : '兼职',
          grid_role: null,
          source: null,
          grid_codes: '',
          hire_date: null,
          is_worker: null,
          note: null,
        })
        .execute();
    }
  }
  return ids;
}

/** A community that meets every default norm: 1,500 户, 750 m², 3 grids of 500, 5 居委会成员, 9 社区工作者 for 4,500 人. */
export function meetingCommunity(name: string, over: Partial<SeedCommunity> = {}): SeedCommunity {
  return {
    name,
    households: 1500,
    residents: 4500,
    facilityArea: 750,
    grids: [{ households: 500 }, { households: 500 }, { households: 500 }],
    workers: Array.from({ length: 9 }, (_, i) => ({ post: i === 0 ? '正职' : '工作人员', grade: i === 0 ? 10 : 1 + (i % 4) })),
    committee: ['1975-05-01', '1980-01-01', '1988-09-30', '1990-01-01', '1995-06-15'],
    oneShoulder: true,
    cadres: [{ lastReport: '2021-08-01' }, { lastReport: null }],
    staff: { full: 3, part: 1 },
    ...over,
  };
}
