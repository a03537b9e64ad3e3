import type { dashboardZh } from './dashboard.zh.ts';

/** English strings of the dashboard part: typed to the Chinese ones, key for key. */
export const dashboardEn: typeof dashboardZh = {
  dashboard: {
    title: 'Whole-process co-governance dashboard',
    intro:
      'Every figure before, during and after renewal is counted live from the modules’ records; click a figure to see the records behind it.',
    scope: 'Scope',
    wholeStreet: 'Whole street',
    street: 'Street',
    streetWide: 'Whole street',
    households: '{{n}} households',
    screen: 'Big screen',
    generatedAt: 'Counted at {{time}}',
    unavailable: 'Not shown yet (the module has no tables in this database): {{cards}}',
    noRecords: 'No records yet',
    open: 'Open the records',
    chart: '{{title}}: {{items}}',
    export: {
      xlsx: 'Export Excel',
      pdf: 'Export PDF',
      queued: 'Report queued…',
      running: 'Generating the report {{done}}/{{total}}',
      done: 'Report ready',
      download: 'Download the report',
      failed: 'The report failed: {{error}}',
    },
    compare: {
      title: 'Streets compared',
      intro:
        'Key figures of the streets you are granted, side by side, each counted from that street’s records.',
      figure: 'Figure',
      open: 'Open this street’s dashboard',
      none: 'No street has been granted to you yet.',
    },
    bigscreen: {
      title: 'Whole-process co-governance · Big screen',
      live: 'Live',
      updatedAt: 'Updated {{time}}',
      funnel: 'Households by stage',
      rounds: 'Consultation and signing',
      exit: 'Back to the dashboard',
      fullscreen: 'Full screen',
      exitFullscreen: 'Exit full screen',
    },
  },
};
