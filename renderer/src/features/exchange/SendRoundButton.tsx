import { Button } from '@mui/material';
import { call, errorText, saveStagedFile } from '../../api/client';
import { useCan } from '../../app/access';

/** 上报 on a finalized round: the signed package, saved where the user chooses. */
export function SendRoundButton({
  roundId,
  onDone,
  onError,
}: {
  roundId: string;
  onDone(text: string): void;
  onError(text: string): void;
}) {
  const can = useCan();
  if (!can('exchange:export')) return null;
  async function send() {
    try {
      const r = await call('exchange:export', { roundId });
      await saveStagedFile(r.fileId, r.name);
      onDone(`已导出上报数据包 ${r.name}（第${r.revision}版，${r.units}个单位）。`);
    } catch (e) {
      onError(errorText(e));
    }
  }
  return (
    <Button variant="outlined" onClick={() => void send()} data-testid="round-send">
      上报
    </Button>
  );
}
