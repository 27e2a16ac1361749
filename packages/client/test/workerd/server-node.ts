/**
 * `@liuyan/server/node` as the SDK's tests see it inside workerd: there is no Node adapter there.
 * `workbookStream` is a marker the worker's board passes to the host, which has the real one.
 */
export const WORKBOOK = Symbol.for('liuyan.test.workbookStream')
export const workbookStream = WORKBOOK as never
export function serve(): never {
  throw new Error('No Node HTTP server inside workerd')
}
