"""The Redis cache backend (osce_baku.cache): one redis client per connection pool, and still a working cache."""

import threading

import pytest
from django.conf import settings

from osce_baku.cache import SharedClientRedisCache


@pytest.mark.redis
def test_one_client_serves_every_call_and_every_thread():
    cache = SharedClientRedisCache(settings.REDIS_URL, {"KEY_PREFIX": "test-shared-client"})
    clients = [cache._cache.get_client(write=True)]
    thread = threading.Thread(target=lambda: clients.append(cache._cache.get_client()))
    thread.start()
    thread.join()
    assert clients[0] is clients[1]
    cache.set("answer", {"value": 42}, 30)
    assert cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    cache.delete("answer-count")
    assert cache.add("answer-count", 1, 30)
    assert cache.incr("answer-count") == 2
    cache.delete_many(["answer", "answer-count"])
    assert cache.get("answer") is None
