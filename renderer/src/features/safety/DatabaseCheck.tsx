import { useState } from 'react';
import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { call, errorText } from '../../api/client';

type CheckResult = ChannelOutput<'backup:check'>;

/** One part of the check: its name, whether it passed, and what to show under it. */
interface CheckPart {
  key: string;
  label: string;
  ok: boolean;
  /** The summary line beside the name. */
  summary: string;
  /** The problems one by one (empty when the part passed). */
  problems: string[];
}

/** Long lists (a badly damaged file) are cut: the first ones are enough to act on. */
const MAX_LISTED = 10;

function listed(problems: string[]): string[] {
  if (problems.length <= MAX_LISTED) return problems;
  return [...problems.slice(0, MAX_LISTED), `……等共 ${problems.length} 处`];
}

function auditSummary(audit: CheckResult['audit']): string {
  if (audit.ok || audit.firstBadSeq === null) return audit.message;
  // The message names the entry in most cases; where it does not, the entry number is still shown.
  return audit.message.includes(String(audit.firstBadSeq)) ? audit.message : `${audit.message}（问题从第 ${audit.firstBadSeq} 条开始）`;
}

function checkParts(r: CheckResult): CheckPart[] {
  return [
    {
      key: 'integrity',
      label: '数据文件完整性',
      ok: r.integrity.length === 0,
      summary: r.integrity.length === 0 ? '正常' : `发现 ${r.integrity.length} 处损坏`,
      problems: listed(r.integrity),
    },
    {
      key: 'foreign-keys',
      label: '外键关联',
      ok: r.foreignKeyProblems === 0,
      summary: r.foreignKeyProblems === 0 ? '正常' : `发现 ${r.foreignKeyProblems} 处断开的关联（记录指向已不存在的数据）`,
      problems: [],
    },
    {
      key: 'schema',
      label: '数据库结构',
      ok: r.schema.length === 0,
      summary: r.schema.length === 0 ? '与本版本一致' : `发现 ${r.schema.length} 处与本版本不符`,
      problems: listed(r.schema),
    },
    { key: 'audit', label: '审计日志链', ok: r.audit.ok, summary: auditSummary(r.audit), problems: [] },
  ];
}

/** 「检查数据库」 for the administrator: runs backup:check (reads only) and explains the result. */
export function DatabaseCheck({ disabled }: { disabled: boolean }) {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function runCheck() {
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      setResult(await call('backup:check', {}));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setRunning(false);
    }
  }

  return (
    <Box sx={{ mt: 3 }} data-testid="db-check" aria-busy={running}>
      <Typography variant="subtitle1" gutterBottom>
        检查数据库
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        检查数据文件是否损坏、数据之间的关联、数据库结构是否被改动，以及操作日志是否被篡改。检查只读取数据，不做任何修改。
      </Typography>
      <Button
        variant="outlined"
        disabled={disabled || running}
        onClick={() => void runCheck()}
        data-testid="db-check-run"
        startIcon={running ? <CircularProgress size={16} /> : undefined}
      >
        {running ? '正在检查…' : '检查数据库'}
      </Button>
      <Box aria-live="polite" sx={{ mt: 2 }}>
        {error && (
          <Alert severity="error" data-testid="db-check-error">
            {error}
          </Alert>
        )}
        {result && <CheckReport result={result} />}
      </Box>
    </Box>
  );
}

function CheckReport({ result }: { result: CheckResult }) {
  return (
    <Box data-testid="db-check-result" data-ok={String(result.ok)}>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mb: 2 }}>
        {checkParts(result).map((part) => (
          <Box component="li" key={part.key} data-testid={`db-check-${part.key}`} data-ok={String(part.ok)} sx={{ mb: 1 }}>
            <Typography variant="body2">
              <Box
                component="span"
                aria-label={part.ok ? '通过' : '有问题'}
                sx={{ display: 'inline-block', width: 20, fontWeight: 700, color: part.ok ? 'success.main' : 'error.main' }}
              >
                {part.ok ? '✓' : '✗'}
              </Box>
              <Box component="span" sx={{ fontWeight: 600 }}>
                {part.label}
              </Box>
              ：{part.summary}
            </Typography>
            {part.problems.length > 0 && (
              <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 5 }}>
                {part.problems.map((problem, i) => (
                  <Typography component="li" variant="body2" color="error" key={i}>
                    {problem}
                  </Typography>
                ))}
              </Box>
            )}
          </Box>
        ))}
      </Box>
      {result.ok ? (
        <Alert severity="success" data-testid="db-check-verdict">
          检查通过：数据库完好，结构与本版本一致，操作日志未被改动。
        </Alert>
      ) : (
        <Alert severity="error" data-testid="db-check-verdict">
          检查发现问题，数据可能已损坏或被改动。请暂停录入数据：从最近一次检查通过的备份恢复（上方列表中的「恢复」，恢复前会自动备份当前数据），并联系技术支持。
        </Alert>
      )}
    </Box>
  );
}
