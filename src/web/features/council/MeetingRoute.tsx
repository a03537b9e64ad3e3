import { hasPermission, useMe } from '../../app/session.ts';
import { MeetingPage } from './MeetingPage.tsx';
import { ResidentMeetingPage } from './ResidentMeetingPage.tsx';

/**
 * /council/meetings/:id: staff (council.read) get the whole meeting with the door's QR code; an
 * invited resident gets their own view of it (agenda, reply, published minutes).
 */
export function MeetingRoute() {
  const me = useMe();
  return hasPermission(me, 'council.read') ? <MeetingPage /> : <ResidentMeetingPage />;
}
