/** A service's display name by id (SERVICE_NAMES); services not named there show their id made readable. */
export type ServiceNames = Readonly<Record<string, string>>;

/** `mid-yorkshire` → `Mid Yorkshire`: what a card shows for a service nobody named. */
export function readableServiceId(serviceId: string): string {
  return serviceId
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

export function serviceName(serviceId: string, names: ServiceNames = {}): string {
  return Object.hasOwn(names, serviceId) ? names[serviceId] : readableServiceId(serviceId);
}
