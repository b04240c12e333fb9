/**
 * The package's zip container: three small known entries, read through the program's one zip
 * reader (platform/io/zip/zip-archive) with the package's limits and its own message.
 */
import { AppError } from '../../../../shared/ipc/errors';
import { readZip as readCheckedZip } from '../../platform/io/zip/zip-archive';

/** A package is a few hundred KB even for 120 communities; 64 MB leaves room without risk. */
export const MAX_PACKAGE_BYTES = 64 * 1024 * 1024;
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

const notAPackage = (detail: string) =>
  new AppError('INVALID_FILE', `该文件不是有效的考评数据包（.cadx）：${detail}。请向报送单位重新索取数据包。`);

/**
 * The entries of a package zip, each checked; `allowed` are the only names accepted. Throws
 * INVALID_FILE with a Chinese message for anything else.
 */
export function readZip(bytes: Buffer, allowed: readonly string[]): Map<string, Buffer> {
  if (bytes.length > MAX_PACKAGE_BYTES) throw notAPackage('文件过大');
  return readCheckedZip(bytes, {
    allowed: (name) => allowed.includes(name),
    maxEntries: allowed.length,
    maxEntryBytes: MAX_ENTRY_BYTES,
    maxTotalBytes: MAX_PACKAGE_BYTES,
    refuse: notAPackage,
  });
}
