import { useEffect, useState } from 'react';

/** Hash routes (#/settings, #/roster/workers): work from file:// in Electron and in the browser host. */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** The current path, split into segments: '/roster/workers' -> ['roster', 'workers']. */
export function useRoute(): { path: string; segments: string[] } {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { path, segments: path.split('/').filter(Boolean) };
}
