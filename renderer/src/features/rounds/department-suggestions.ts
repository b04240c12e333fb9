import { useEffect, useState } from 'react';
import { call } from '../../api/client';

/** Departments that commonly impose 清单外 tasks on communities: offered when no 成员单位 roster is here. */
export const COMMON_DEPARTMENTS = [
  '民政局',
  '组织部',
  '财政局',
  '住建局',
  '人社局',
  '卫健委',
  '应急管理局',
  '市场监管局',
  '城管局',
  '公安局',
];

/**
 * Suggestions for the department that imposed a 清单外 task: the 成员单位 of this database (a 市
 * has them), else the common departments. Free text stays allowed; the 市 matches names and 简称.
 */
export function useDepartmentSuggestions(): string[] {
  const [names, setNames] = useState<string[]>(COMMON_DEPARTMENTS);
  useEffect(() => {
    let live = true;
    call('units:list', { kind: '成员单位' }).then(
      (units) => {
        if (live && units.length > 0) setNames(units.map((u) => u.name));
      },
      // Suggestions only: without the roster the common departments are offered.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return names;
}
