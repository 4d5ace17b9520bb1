/** Where reminder times are stored (settings table) and the event that says they changed. */
export const REMINDERS_KEY = 'reminderTimes';
export const REMINDERS_CHANGED = 'posture-reminders-changed';
