"""Django's Redis cache backend, with one redis client per connection pool instead of one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and its constructor fills a
table of some 170 response callbacks: about 0.07 ms of CPU per call, several calls on every page (session, user
facts, fragment versions and HTML). A `redis.Redis` only wraps its pool and is safe to share between threads, so one
per pool serves every call; the pools (and so the connections) are Django's own, unchanged.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _SharedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClients
