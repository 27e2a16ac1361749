import { defineProject } from 'vitest/config'

// The HTTP contract suite against the fetch handler inside workerd (memory store): the harness's
// `workerd` kind (test/workerd-board.ts). Tests of what only the Node adapter or a SQL store does
// skip there (`inNode` in test/harness.ts). The group-robot transports run there too
// (test/workerd/notify.workerd-test.ts).
export default defineProject({
  resolve: { conditions: ['@liuyan/source'] },
  test: {
    name: 'server-workerd',
    include: ['test/contract*.test.ts', 'test/workerd/*.workerd-test.ts'],
    env: { LIUYAN_CONTRACT_TARGET: 'workerd' },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
})
