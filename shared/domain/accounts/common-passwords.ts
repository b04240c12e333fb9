/**
 * Passwords that meet the length and letter-and-digit rules but are among the first an attacker
 * tries (leaked-password top lists, keyboard walks, Chinese favourites). Compared case-insensitively.
 * A small built-in list: the app works offline and must not ship a large dictionary.
 */
const COMMON = [
  'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword1', 'pass1234', 'pass12345',
  'abc12345', 'abcd1234', 'abc123456', 'abcde123', 'abcdef12', 'abcdef123', 'a1234567', 'a12345678', 'a123456789',
  'aa123456', 'aa12345678', 'aaa12345', 'aaaa1234', 'abc123abc', 'asd12345', 'asdf1234', 'asdfgh12', 'zxcv1234',
  'qwer1234', 'qwerty12', 'qwerty123', 'qwerty1234', '1qaz2wsx', '1qaz2wsx3edc', 'q1w2e3r4', 'q1w2e3r4t5',
  '1q2w3e4r', '1q2w3e4r5t', 'qweasd123', 'qazwsx123', 'zxcvbnm1', 'zxcvbnm123', 'qwe12345', 'qwe123456',
  '123qwe123', '123456abc', '123456aa', '12345678a', '123456789a', '1234qwer', '12345qwert', '123abc123',
  'admin123', 'admin1234', 'admin12345', 'admin888', 'administrator1', 'root1234', 'test1234', 'test12345',
  'user1234', 'guest123', 'welcome1', 'welcome123', 'letmein1', 'iloveyou1', 'iloveyou2', 'monkey123',
  'dragon123', 'football1', 'baseball1', 'sunshine1', 'princess1', 'master123', 'superman1', 'trustno1',
  'woaini1314', 'woaini520', '5201314a', 'a5201314', 'wang1234', 'li123456', 'zhang123', 'qq123456',
  'qq1234567', 'woaini123', 'aini1314', 'love1314', 'changeme1', 'default1', 'temp1234', 'mima1234',
  'mima123456', 'kaoping123', 'shequ123',
];

const SET: ReadonlySet<string> = new Set(COMMON);

/** True for a listed password, or one character repeated with digits tacked on (aaaaaaa1, 1111111a). */
export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase();
  if (SET.has(p)) return true;
  const core = p.replace(/\d+$/, '').replace(/^\d+/, '');
  if (core.length >= 2 && /^(.)\1*$/.test(core)) return true;
  return /^(.)\1*$/.test(p.replace(/[a-z]$/, '').replace(/^[a-z]/, ''));
}
