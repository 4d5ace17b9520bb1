import type { Metadata } from 'next';
import { SessionView } from '@/components/session/session-view';
import { parseSessionQuery } from '@/lib/session/query';

export const metadata: Metadata = { title: 'Exercise session · Posture tracker' };

/** `/session?exercise=ID&target=N` opens the session ready for that exercise at that dose. */
export default async function SessionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <SessionView query={parseSessionQuery(await searchParams)} />;
}
