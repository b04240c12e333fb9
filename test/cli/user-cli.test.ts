import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/core/app-context';
import { dispatch } from '../../electron/core/dispatch';
import { runCli } from '../helpers/run-cli';
import { dbTarget } from '../helpers/test-db';
import { makeTempDir, removeDir } from '../helpers/temp-dir';

const dir = makeTempDir();
const db = path.join(dir, '数据', 'appraisal.sqlite');
afterAll(() => removeDir(dir));

beforeAll(async () => {
  const app = await createAppContext({ dbFile: dbTarget(db), door: 'cli' });
  await dispatch({ app, actor: null }, 'auth:setup', { username: 'admin', displayName: '管理员', password: 'Admin2021' });
  await app.close();
});

describe('command line: user management without passwords on the command line', { timeout: 240_000 }, () => {
  it('adds a user with the password from standard input, lists, resets and disables', () => {
    const add = runCli(['user', 'add', 'liping', '--name', '李萍', '--role', '考评员', '--password-stdin', '--db', db, '--json'], {
      input: 'Chushi2021\n',
    });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ username: 'liping', displayName: '李萍', role: 'assessor', mustChangePassword: true });

    // The account works with the password that came through stdin.
    const asLiping = runCli(['user', 'list', '--db', db, '--user', 'liping'], { env: { APPRAISAL_PASSWORD: 'Chushi2021' } });
    expect(asLiping.stderr).not.toContain('用户名或密码不正确');
    expect(asLiping.stderr).toMatch(/无权执行|请先修改密码/);

    const list = runCli(['user', 'list', '--db', db]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/liping\t李萍\t考评员\t正常\t需修改密码/);

    const reset = runCli(['user', 'reset-password', 'LiPing', '--password-stdin', '--db', db], { input: 'Xinmima2022\r\n' });
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    // The new password logs in (and is refused only for the role); the old one no longer does.
    const withNew = runCli(['user', 'list', '--db', db, '--user', 'liping'], { env: { APPRAISAL_PASSWORD: 'Xinmima2022' } });
    expect(withNew.stderr).toMatch(/无权执行|请先修改密码/);
    const withOld = runCli(['user', 'list', '--db', db, '--user', 'liping'], { env: { APPRAISAL_PASSWORD: 'Chushi2021' } });
    expect(withOld.stderr).toContain('用户名或密码不正确');

    const disable = runCli(['user', 'disable', 'liping', '--db', db]);
    expect(disable.code).toBe(0);
    expect(runCli(['user', 'list', '--db', db]).stdout).toMatch(/liping\t李萍\t考评员\t已停用/);
    expect(runCli(['user', 'disable', 'liping', '--enable', '--db', db]).code).toBe(0);
    expect(runCli(['user', 'list', '--db', db]).stdout).toMatch(/liping\t李萍\t考评员\t正常/);
  });

  it('refuses a password on the command line, a common password and a missing role, changing nothing', () => {
    const onLine = runCli(['user', 'add', 'wangwu', '--name', '王五', '--role', 'viewer', '--password', 'Chushi2021', '--db', db]);
    expect(onLine.code).toBe(1);
    expect(onLine.stderr).toContain('--password-stdin');
    const common = runCli(['user', 'add', 'wangwu', '--name', '王五', '--role', 'viewer', '--password-stdin', '--db', db], {
      input: 'password1\n',
    });
    expect(common.code).toBe(1);
    expect(common.stderr).toContain('过于常见');
    const noRole = runCli(['user', 'add', 'wangwu', '--name', '王五', '--password-stdin', '--db', db], { input: 'Chushi2021\n' });
    expect(noRole.code).toBe(1);
    expect(noRole.stderr).toContain('--role');
    expect(runCli(['user', 'list', '--db', db]).stdout).not.toContain('wangwu');
    const noOne = runCli(['user', 'reset-password', 'nobody', '--password-stdin', '--db', db], { input: 'Chushi2021\n' });
    expect(noOne.code).toBe(1);
    expect(noOne.stderr).toContain('找不到登录名');
  });
});
