import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Stored instants are UTC; a 通报 printed on a PC in China shows Beijing time and the Beijing day
 * (a round finalized at 07:30 on 12 October is not dated 11 October). Run in a child process with
 * TZ=Asia/Shanghai, as on the offices' PCs.
 */
function inShanghai(expr: string): string {
  const script = `import('./shared/report/report-format.ts').then((f) => console.log(JSON.stringify(${expr})))`;
  return execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Shanghai' },
  }).trim();
}

describe('dates and times on reports follow the PC’s local time', () => {
  it('prints a UTC instant as Beijing wall time and day; plain days as written', () => {
    expect(
      JSON.parse(
        inShanghai(
          "[f.shortDateTime('2021-10-11T23:30:00.000Z'), f.chineseDate('2021-10-11T23:30:00.000Z'), f.chineseDate('2021-10-15'), f.shortDateTime('2021-10-15 14:30')]",
        ),
      ),
    ).toEqual(['2021-10-12 07:30', '2021年10月12日', '2021年10月15日', '2021-10-15 14:30']);
  });
});
