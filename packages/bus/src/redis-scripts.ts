/** Compare-and-delete: a gateway must never remove presence that another gateway has taken over. */
export const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Compare-and-expire: heartbeats extend presence only while this gateway still owns it. */
export const EXPIRE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;
