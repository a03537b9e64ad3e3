-- Mediation escalations reach the police liaison and the committee heads through the platform's
-- notifications (in-app now, SMS / WeChat adapters behind the outbox), like every other module's
-- notices. They had also been written to this module-private table, in the same transaction as their
-- platform twins, so dropping it loses nothing.
drop table mediation_notifications;
