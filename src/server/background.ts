import type { JobHandler, PeriodicTask } from './platform/jobs.ts';
import { configuredChannels, notificationDeliveryTask } from './platform/notifications.ts';
import { antifraudRetentionTask } from './modules/antifraud/antifraud.tasks.ts';
import { reminderTask as mediationReminderTask } from './modules/mediation/mediation.reminders.ts';
import { escalationTask as safetyEscalationTask } from './modules/safety/safety.escalation.ts';
import { dashboardReportJob } from './modules/dashboard/dashboard.jobs.ts';
import { iotSweepTask } from './modules/iot/iot.sweep.ts';
import { auditCheckpointTask } from './platform/audit-seal.ts';
import { statisticsTask } from './platform/statistics.ts';
import { recomputeJob as opinionRecomputeJob } from './modules/opinion/opinion.jobs.ts';

/**
 * Everything the background worker of each server process runs. A module adds its job handlers
 * (work a user asked for, e.g. a report) and periodic tasks (sweeps) here, one line each.
 */
export const jobHandlers: readonly JobHandler[] = [dashboardReportJob, opinionRecomputeJob];

export const periodicTasks: readonly PeriodicTask[] = [
  notificationDeliveryTask(configuredChannels()),
  antifraudRetentionTask,
  safetyEscalationTask,
  mediationReminderTask,
  iotSweepTask,
  auditCheckpointTask,
  statisticsTask,
];
