import { useCallback, useEffect, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Box, Typography } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RosterListDto, RosterRecordDto } from '../../../../shared/ipc/channels/roster.channels';
import { call, errorText } from '../../api/client';
import { columnDef, showCell, type RosterTab } from './roster-ui';

const PAGE = 200;
const ROW_HEIGHT = 36;

export interface RosterQuery {
  communityId: number | null;
  gridId: number | null;
  search: string;
}

/**
 * A roster as a virtualized table: only the visible rows are in the DOM and pages of 200 rows are
 * fetched as they scroll into view, so 100,000 people scroll as smoothly as 10.
 */
export function RosterTable({
  tab,
  query,
  refreshKey,
  onOpen,
  onCounts,
}: {
  tab: RosterTab;
  query: RosterQuery;
  refreshKey: number;
  onOpen: (record: RosterRecordDto) => void;
  onCounts: (list: Pick<RosterListDto, 'total' | 'perCommunity' | 'masked'>) => void;
}) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(new Map<number, RosterRecordDto[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const scrollRef = useRef<HTMLDivElement | null>(null);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      try {
        const list = await call('roster:list', {
          roster: tab.roster,
          sheet: tab.sheet,
          communityId: query.communityId,
          gridId: query.gridId,
          search: query.search,
          offset: page * PAGE,
          limit: PAGE,
        });
        if (gen !== generation.current) return;
        pages.current.set(page, list.rows);
        if (page === 0) {
          setTotal(list.total);
          onCounts({ total: list.total, perCommunity: list.perCommunity, masked: list.masked });
        }
        rerender();
      } catch (e) {
        if (gen === generation.current) setError(errorText(e));
      } finally {
        pending.current.delete(page);
      }
    },
    // onCounts is the parent's state setter (stable); the query fields are the real dependencies.
    [tab.roster, tab.sheet, query.communityId, query.gridId, query.search, onCounts],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    pending.current = new Set();
    setTotal(null);
    setError(null);
    scrollRef.current?.scrollTo({ top: 0 });
    void fetchPage(0, generation.current);
  }, [fetchPage, refreshKey]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total === null) return;
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p += 1) void fetchPage(p, generation.current);
  }, [first, last, total, fetchPage]);

  const columns = tab.columns.map((key) => {
    const def = columnDef(tab, key);
    const label = def?.label ?? key;
    // The Excel template's widths, scaled so a 10-column roster (社区工作者) fits 1366 px without a
    // horizontal scroll; never narrower than the header or an 18-digit 身份证号.
    return { key, label, width: Math.max(64, headerWidth(label), Math.min(190, Math.round((def?.width ?? 10) * 8.5))) };
  });
  const template = columns.map((c) => `${c.width}px`).join(' ');
  const rowAt = (index: number): RosterRecordDto | undefined => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE];

  function onKey(event: KeyboardEvent<HTMLDivElement>, index: number) {
    const record = rowAt(index);
    if ((event.key === 'Enter' || event.key === ' ') && record) {
      event.preventDefault();
      onOpen(record);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(0, Math.min((total ?? 1) - 1, index + (event.key === 'ArrowDown' ? 1 : -1)));
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
    }
  }

  if (error) return <Alert severity="error">{error}</Alert>;
  return (
    <Box
      data-testid="roster-table"
      data-state={total === null ? 'loading' : 'ready'}
      data-total={total ?? ''}
      role="table"
      aria-label={`${tab.label}名册`}
      aria-rowcount={total ?? 0}
    >
      <Box
        ref={scrollRef}
        sx={{
          height: 'calc(100vh - 300px)',
          minHeight: 240,
          overflow: 'auto',
          border: 1,
          borderColor: 'divider',
          borderRadius: 1,
          bgcolor: 'background.paper',
        }}
      >
        <Box
          role="row"
          sx={{
            display: 'grid',
            gridTemplateColumns: template,
            position: 'sticky',
            top: 0,
            zIndex: 1,
            bgcolor: 'grey.100',
            borderBottom: 1,
            borderColor: 'divider',
            minWidth: 'max-content',
          }}
        >
          {columns.map((c) => (
            <Box key={c.key} role="columnheader" sx={{ px: 1, py: 1, fontWeight: 600, fontSize: 14, whiteSpace: 'nowrap' }}>
              {c.label}
            </Box>
          ))}
        </Box>
        {total === 0 && (
          <Typography sx={{ p: 3 }} color="text.secondary" data-testid="roster-empty">
            {query.search || query.communityId !== null || query.gridId !== null
              ? '没有符合条件的记录。'
              : '还没有记录。点击“导入名册”从 Excel 导入。'}
          </Typography>
        )}
        <Box sx={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: 'max-content' }}>
          {items.map((item) => {
            const record = rowAt(item.index);
            return (
              <Box
                key={item.key}
                role="row"
                data-index={item.index}
                data-testid="roster-row"
                tabIndex={0}
                onClick={() => record && onOpen(record)}
                onKeyDown={(e) => onKey(e, item.index)}
                sx={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                  display: 'grid',
                  gridTemplateColumns: template,
                  alignItems: 'center',
                  borderBottom: 1,
                  borderColor: 'divider',
                  cursor: record ? 'pointer' : 'default',
                  '&:hover, &:focus': { bgcolor: 'action.hover', outline: 'none' },
                  '&:focus-visible': { boxShadow: (t) => `inset 0 0 0 2px ${t.palette.primary.main}` },
                }}
              >
                {columns.map((c) => (
                  <Box
                    key={c.key}
                    role="cell"
                    sx={{ px: 1, fontSize: 14, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                  >
                    {record ? showCell(record.values[c.key]) : c === columns[0] ? '…' : ''}
                  </Box>
                ))}
              </Box>
            );
          })}
        </Box>
      </Box>
    </Box>
  );
}

/** Room for the whole header text: CJK characters are about twice as wide as Latin ones. */
function headerWidth(label: string): number {
  let units = 0;
  for (const ch of label) units += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return Math.min(260, units * 7.5 + 24);
}
