import type { StagedFile } from '../../../shared/ipc/channels/files.channels';
import { call, isElectron, uploadFile } from './client';

export interface PickFileOptions {
  title: string;
  /** e.g. [{ name: 'Excel 表格', extensions: ['xlsx', 'xls', 'csv'] }] */
  filters: { name: string; extensions: string[] }[];
}

/**
 * Let the user choose a file and stage it: the native dialog in Electron, a file input in the
 * browser (uploaded to the host). Resolves null when the user cancels.
 */
export function pickFile(options: PickFileOptions): Promise<StagedFile | null> {
  if (isElectron()) return call('files:pickOpen', options);
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = options.filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
    input.style.display = 'none';
    input.setAttribute('data-testid', 'file-input');
    document.body.appendChild(input);
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      uploadFile(file).then(resolve, reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    input.click();
  });
}
