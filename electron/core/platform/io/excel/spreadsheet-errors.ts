/**
 * The Chinese messages for unusable files, in one place so the CLI, the UI and the tests agree.
 * Every message says what the user should do next.
 */
import { AppError } from '../../../../../shared/ipc/errors';

export const FILE_MESSAGES = {
  empty: '文件是空的（0 字节），请确认选择了正确的文件',
  legacyXls: '该文件是旧版 Excel 97-2003 格式（.xls），请用 WPS/Excel 另存为 .xlsx 后再导入',
  encrypted: '文件设置了打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码，另存为 .xlsx 后再导入',
  ods: '该文件是 OpenDocument 表格（.ods），请用 WPS/Excel 或 LibreOffice 另存为 .xlsx 后再导入',
  xlsb: '该文件是 Excel 二进制工作簿（.xlsb），请用 Excel/WPS 另存为 .xlsx 后再导入',
  xml2003: '该文件是 XML 电子表格（Excel 2003 XML），请用 Excel/WPS 另存为 .xlsx 后再导入',
  html: '该文件实际是网页（HTML）格式，只是扩展名像表格。请用 Excel/WPS 打开后另存为 .xlsx 再导入',
  word: '该文件是 Word 文档，不是表格。请选择 Excel 表格（.xlsx）或 CSV 文件',
  powerpoint: '该文件是 PowerPoint 演示文稿，不是表格。请选择 Excel 表格（.xlsx）或 CSV 文件',
  otherOle: '该文件是旧版 Office 二进制格式，不是可导入的表格。请用 Excel/WPS 打开后另存为 .xlsx 再导入',
  pdf: '该文件是 PDF 文档，不是表格。请向报送单位索取 Excel 表格（.xlsx）',
  image: '该文件是图片，不是表格。请选择 Excel 表格（.xlsx）或 CSV 文件',
  archive: '该文件是压缩包，不是表格。请先解压，再选择其中的 Excel 表格（.xlsx）',
  notSpreadsheet: '无法识别该文件的格式，它不是 Excel 表格（.xlsx）或 CSV 文件。请确认选择了正确的文件',
  zipNotExcel: '该文件是压缩包，但不是 Excel 表格（.xlsx）。请确认选择了正确的文件',
  truncated: '文件已损坏或不完整（可能下载或拷贝时中断），请重新获取文件后再导入',
  corrupt: '文件已损坏，无法读取。请用 Excel/WPS 打开并另存为 .xlsx 后再导入；如果打不开，请向报送单位重新索取',
  nonStandard: '无法读取该文件中的工作表（文件结构不标准）。请用 Excel/WPS 打开后另存为 .xlsx 再导入',
  tooLarge: '文件内容过大，超出了可导入的范围（可能是异常文件或“压缩炸弹”）。请确认文件正确，或拆分后分批导入',
  tooManyCells: '文件内容过多（超过 600 万个单元格），请拆分后分批导入',
  timeout: '读取文件超时，文件可能异常或过大。请用 Excel/WPS 打开并另存为 .xlsx，或拆分后分批导入',
  csvEncoding: '无法识别 CSV 文件的文字编码。请用 Excel/WPS 打开后另存为 .xlsx 再导入',
  unreadable: '无法读取该文件，请确认文件没有被其他程序占用，并且您有读取权限',
} as const;

export type FileProblem = keyof typeof FILE_MESSAGES;

/** An AppError('INVALID_FILE') with the message for a problem, and the problem key in details. */
export function invalidFile(problem: FileProblem, extra?: string): AppError {
  const message = extra ? `${FILE_MESSAGES[problem]}（${extra}）` : FILE_MESSAGES[problem];
  return new AppError('INVALID_FILE', message, { problem });
}

/** The message for a failure inside our own reading code: it does not blame the user's file. */
export const READER_FAULT_MESSAGE =
  '读取文件时本程序内部出错（不是文件损坏），没有写入任何数据。请联系技术支持并附上此文件；也可以先用 Excel/WPS 打开该文件、另存为 .xlsx 后再试';

/**
 * True when an exception thrown while reading means the bytes are bad: inflate (zlib) errors, the
 * zip parser meeting an unexpected record or the end of the data, malformed XML. Anything else
 * (TypeError and the like) is a fault in our code or a library's, and the file is not to blame.
 */
export function isDamagedFileError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) return true; // zlib: Z_DATA_ERROR, Z_BUF_ERROR
  if (/^invalid signature: 0x/i.test(error.message) || error.message === 'FILE_ENDED') return true; // unzipper
  // saxes reports malformed XML as "line:column: message".
  if (/^(\S+:)?\d+:\d+: /.test(error.message) && !(error instanceof TypeError) && !(error instanceof RangeError)) return true;
  return false;
}

/** The AppError to report for an exception met while reading a spreadsheet. */
export function readFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDamagedFileError(error)) return invalidFile('corrupt');
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new AppError('INTERNAL', READER_FAULT_MESSAGE, { problem: 'readerFault', cause });
}
