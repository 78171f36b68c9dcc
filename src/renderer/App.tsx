import { useEffect, useState } from 'react';
import { api } from './lib/api';

export function App() {
  const [status, setStatus] = useState<string>('…');
  useEffect(() => {
    api.system.status(null).then((s) => setStatus(s.initialised ? (s.storeName ?? '') : 'not set up'));
  }, []);
  return <main><h1>Counterline</h1><p>{status}</p></main>;
}
