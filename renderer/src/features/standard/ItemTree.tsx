import { Fragment, useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  Collapse,
  FormControlLabel,
  IconButton,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { formatMethodParams } from '../../../../shared/domain/standard/method-params';
import type { StandardProblem } from '../../../../shared/domain/standard/standard.problem';
import {
  EVIDENCE_METHODS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  METHOD_LABELS,
  type Frequency,
  type Standard,
  type StandardItem,
} from '../../../../shared/domain/standard/standard.schema';
import { MethodEditor, PointsField } from './MethodEditor';
import { fmt } from './standard-ui';

function ProblemMark({ problems }: { problems: StandardProblem[] }) {
  if (problems.length === 0) return null;
  const error = problems.some((p) => p.severity === 'error');
  return (
    <Tooltip title={problems.map((p) => p.message).join('\n')}>
      {error ? (
        <ErrorOutlineIcon color="error" fontSize="small" data-testid="row-error" />
      ) : (
        <WarningAmberIcon color="warning" fontSize="small" />
      )}
    </Tooltip>
  );
}

function problemsFor(problems: StandardProblem[], kind: 'category' | 'item', code: string): StandardProblem[] {
  return problems.filter((p) => p.target?.kind === kind && p.target.code === code);
}

/** Short text of the method's parameters for the tree row. */
function methodSummary(item: StandardItem): string {
  const text = formatMethodParams(item.method).split('\n');
  if (item.method.kind === 'deduct') return `${item.method.reasons.length}条扣分原因`;
  if (item.method.kind === 'tiers') return `${item.method.criteria.length}个条件：${item.method.pointsTenths.map(fmt).join('/')}`;
  return text[0] ?? '';
}

function ItemDetail({
  item,
  disabled,
  onChange,
  onDelete,
}: {
  item: StandardItem;
  disabled: boolean;
  onChange(change: (i: StandardItem) => void): void;
  onDelete(): void;
}) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, p: 2, bgcolor: 'grey.50' }} data-testid={`item-detail-${item.code}`}>
      <Box sx={{ display: 'flex', gap: 2 }}>
        <TextField
          label="编码"
          value={item.code}
          disabled={disabled}
          sx={{ width: 100 }}
          onChange={(e) => onChange((i) => void (i.code = e.target.value))}
        />
        <TextField
          label="二级指标"
          value={item.title}
          disabled={disabled}
          sx={{ flex: 1 }}
          onChange={(e) => onChange((i) => void (i.title = e.target.value))}
        />
      </Box>
      <MethodEditor item={item} disabled={disabled} onChange={(method) => onChange((i) => void (i.method = method))} />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="body2">考核方式：</Typography>
        {EVIDENCE_METHODS.map((e) => (
          <FormControlLabel
            key={e}
            label={e}
            control={
              <Checkbox
                size="small"
                checked={item.evidence.includes(e)}
                disabled={disabled}
                onChange={(ev) =>
                  onChange((i) => {
                    i.evidence = ev.target.checked
                      ? EVIDENCE_METHODS.filter((x) => x === e || i.evidence.includes(x))
                      : i.evidence.filter((x) => x !== e);
                  })
                }
              />
            }
          />
        ))}
        <TextField
          select
          label="频次"
          value={item.frequency}
          disabled={disabled}
          sx={{ width: 140 }}
          onChange={(e) => onChange((i) => void (i.frequency = e.target.value as Frequency))}
        >
          {FREQUENCIES.map((f) => (
            <MenuItem key={f} value={f}>
              {FREQUENCY_LABELS[f]}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <TextField
        label="评分细则（考评员打分时看到的说明）"
        value={item.guide}
        disabled={disabled}
        multiline
        minRows={2}
        onChange={(e) => onChange((i) => void (i.guide = e.target.value))}
      />
      {!disabled && (
        <Box>
          <Button color="error" size="small" startIcon={<DeleteOutlineIcon />} onClick={onDelete}>
            删除该二级指标
          </Button>
        </Box>
      )}
    </Box>
  );
}

/**
 * The 一级指标 → 二级指标 tree with inline editing: names and points right in the rows, the rest of an
 * item (method parameters, formula, 考核方式, 频次, 评分细则) in its expandable row.
 */
export function ItemTree({
  standard,
  problems,
  editable,
  update,
}: {
  standard: Standard;
  problems: StandardProblem[];
  editable: boolean;
  update(change: (s: Standard) => void): void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const total = standard.categories.reduce((s, c) => s + c.maxTenths, 0);
  return (
    <Box>
      <Table size="small" data-testid="item-tree">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 64 }}>编码</TableCell>
            <TableCell>指标</TableCell>
            <TableCell sx={{ width: 100 }}>分值</TableCell>
            <TableCell sx={{ width: 210 }}>评分方法</TableCell>
            <TableCell sx={{ width: 120 }}>考核方式</TableCell>
            <TableCell sx={{ width: 76 }}>频次</TableCell>
            <TableCell sx={{ width: 48 }} />
          </TableRow>
        </TableHead>
        <TableBody>
          {standard.categories.map((c, ci) => {
            const sum = c.items.reduce((s, i) => s + i.maxTenths, 0);
            return (
              <Fragment key={`c${ci}`}>
                <TableRow sx={{ bgcolor: 'action.hover' }} data-testid={`category-${c.code}`}>
                  <TableCell>
                    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                      <b>{c.code}</b>
                      <ProblemMark problems={problemsFor(problems, 'category', c.code)} />
                    </Box>
                  </TableCell>
                  <TableCell>
                    {editable ? (
                      <TextField
                        variant="standard"
                        value={c.title}
                        fullWidth
                        multiline
                        onChange={(e) => update((s) => void ((s.categories[ci] as typeof c).title = e.target.value))}
                      />
                    ) : (
                      <b>{c.title}</b>
                    )}
                  </TableCell>
                  <TableCell>
                    {editable ? (
                      <PointsField
                        label=""
                        tenths={c.maxTenths}
                        width={80}
                        testId={`points-${c.code}`}
                        onChange={(t) => t !== undefined && update((s) => void ((s.categories[ci] as typeof c).maxTenths = t))}
                      />
                    ) : (
                      <b>{fmt(c.maxTenths)}</b>
                    )}
                  </TableCell>
                  <TableCell colSpan={3}>
                    <Typography variant="body2" color={sum === c.maxTenths ? 'text.secondary' : 'error'}>
                      二级指标合计 {fmt(sum)} 分{sum === c.maxTenths ? '' : `，与一级指标分值 ${fmt(c.maxTenths)} 分不符`}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    {editable && (
                      <Tooltip title="删除该一级指标及其二级指标">
                        <IconButton
                          size="small"
                          aria-label={`删除一级指标${c.code}`}
                          onClick={() => update((s) => void s.categories.splice(ci, 1))}
                        >
                          <DeleteOutlineIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    )}
                  </TableCell>
                </TableRow>
                {c.items.map((item, ii) => {
                  const key = `${ci}/${ii}`;
                  const isOpen = open === key;
                  const change = (fn: (i: StandardItem) => void) =>
                    update((s) => fn((s.categories[ci] as typeof c).items[ii] as StandardItem));
                  return (
                    <Fragment key={key}>
                      <TableRow hover data-testid={`item-${item.code}`}>
                        <TableCell>
                          <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, pl: 1 }}>
                            {item.code}
                            <ProblemMark problems={problemsFor(problems, 'item', item.code)} />
                          </Box>
                        </TableCell>
                        <TableCell>
                          {editable ? (
                            <TextField
                              variant="standard"
                              value={item.title}
                              fullWidth
                              multiline
                              onChange={(e) => change((i) => void (i.title = e.target.value))}
                            />
                          ) : (
                            item.title
                          )}
                        </TableCell>
                        <TableCell>
                          {editable ? (
                            <PointsField
                              label=""
                              tenths={item.maxTenths}
                              width={80}
                              testId={`points-${item.code}`}
                              onChange={(t) => t !== undefined && change((i) => void (i.maxTenths = t))}
                            />
                          ) : (
                            <span data-testid={`points-${item.code}`}>{fmt(item.maxTenths)}</span>
                          )}
                        </TableCell>
                        <TableCell>
                          <Typography variant="body2">{METHOD_LABELS[item.method.kind]}</Typography>
                          <Typography
                            variant="caption"
                            color="text.secondary"
                            sx={{ display: 'block', maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                          >
                            {methodSummary(item)}
                          </Typography>
                        </TableCell>
                        <TableCell>
                          <Typography variant="body2">{item.evidence.join('、')}</Typography>
                        </TableCell>
                        <TableCell>{FREQUENCY_LABELS[item.frequency]}</TableCell>
                        <TableCell>
                          <IconButton
                            size="small"
                            aria-label={isOpen ? `收起${item.code}` : `展开${item.code}`}
                            onClick={() => setOpen(isOpen ? null : key)}
                            data-testid={`expand-${item.code}`}
                          >
                            {isOpen ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
                          </IconButton>
                        </TableCell>
                      </TableRow>
                      <TableRow>
                        <TableCell colSpan={7} sx={{ p: 0, borderBottom: isOpen ? undefined : 'none' }}>
                          <Collapse in={isOpen} unmountOnExit>
                            <ItemDetail
                              item={item}
                              disabled={!editable}
                              onChange={change}
                              onDelete={() => {
                                setOpen(null);
                                update((s) => void (s.categories[ci] as typeof c).items.splice(ii, 1));
                              }}
                            />
                          </Collapse>
                        </TableCell>
                      </TableRow>
                    </Fragment>
                  );
                })}
                {editable && (
                  <TableRow>
                    <TableCell />
                    <TableCell colSpan={6}>
                      <Button
                        size="small"
                        onClick={() => {
                          const n = c.items.length + 1;
                          update((s) =>
                            (s.categories[ci] as typeof c).items.push({
                              code: `${c.code}${n}`,
                              title: '新二级指标',
                              maxTenths: 10,
                              method: { kind: 'manual', minTenths: 0, stepTenths: 5 },
                              evidence: ['查阅资料'],
                              frequency: 'Q',
                              guide: '',
                            }),
                          );
                          setOpen(`${ci}/${c.items.length}`);
                        }}
                      >
                        在{c.code}下添加二级指标
                      </Button>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
          <TableRow>
            <TableCell />
            <TableCell>
              <b>合计</b>
              {editable && (
                <Button
                  size="small"
                  sx={{ ml: 2 }}
                  onClick={() => {
                    const used = new Set(standard.categories.map((c) => c.code));
                    const code = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((l) => !used.has(l)) ?? `K${standard.categories.length + 1}`;
                    update((s) => s.categories.push({ code, title: '新一级指标', maxTenths: 0, items: [] }));
                  }}
                >
                  添加一级指标
                </Button>
              )}
            </TableCell>
            <TableCell>
              <Typography variant="body2" color={total === standard.totalTenths ? 'text.primary' : 'error'} data-testid="tree-total">
                <b>{fmt(total)}</b> / {fmt(standard.totalTenths)}
              </Typography>
            </TableCell>
            <TableCell colSpan={4} />
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
}
