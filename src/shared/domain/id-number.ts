/**
 * One masking rule for 证件号码 in every list and export: keep the first 4 and last 4
 * characters (4501**********1234). The full number is shown only in a detail view to a
 * reviewer of that physician, on request, and the reveal is audited.
 */
export function maskIdNumber(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}**********${id.slice(-4)}` : id;
}
