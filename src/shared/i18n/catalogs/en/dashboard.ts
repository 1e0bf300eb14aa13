// English: the dashboard's words.

export const dashboard = {
  'usage.traffic': 'Traffic',
  'usage.used': '{used} of {cap} used ({percent})',
  'usage.unavailable': 'Usage is unavailable right now',
  'usage.allUsed': 'All traffic used.',
  'usage.runningLow': 'Running low: {left} left.',
  'usage.updated': 'Updated {time}; refreshes every 30 s.',
  'expiry.none': 'No expiry date.',
  'expiry.expired': 'Expired on {date}.',
  'expiry.in': 'Expires in {duration} {date}',
  'refill.title': 'Never run dry',
} as const;
