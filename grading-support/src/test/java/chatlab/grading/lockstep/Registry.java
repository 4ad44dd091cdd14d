package chatlab.grading.lockstep;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Name registries, right and wrong, for LockstepTest: each claim returns true if it got the name. */
public final class Registry {
    private final Map<String, Thread> names = new HashMap<>();
    private final Map<String, Thread> concurrent = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock readWrite = new ReentrantReadWriteLock();

    /** Right: the look-up and the add are one step under one lock. */
    public synchronized boolean claimAtomically(String name) {
        if (names.containsKey(name)) {
            return false;
        }
        names.put(name, Thread.currentThread());
        return true;
    }

    /** Right without a lock: one atomic call. */
    public boolean claimWithPutIfAbsent(String name) {
        return concurrent.putIfAbsent(name, Thread.currentThread()) == null;
    }

    /** Wrong: a check under the lock, then an add under it again. */
    public boolean claimUnderTwoLocks(String name) {
        synchronized (this) {
            if (names.containsKey(name)) {
                return false;
            }
        }
        synchronized (this) {
            names.put(name, Thread.currentThread());
        }
        return true;
    }

    /** Wrong: a concurrent map, but a look-up then a put. */
    public boolean claimCheckThenPut(String name) {
        if (concurrent.containsKey(name)) {
            return false;
        }
        concurrent.put(name, Thread.currentThread());
        return true;
    }

    /** Right: the look-up and the add under one write lock. */
    public boolean claimUnderTheWriteLock(String name) {
        readWrite.writeLock().lock();
        try {
            return names.putIfAbsent(name, Thread.currentThread()) == null;
        } finally {
            readWrite.writeLock().unlock();
        }
    }

    /** Wrong: a look-up under a ReentrantLock, then the add under it again. */
    public boolean claimUnderTwoReentrantLocks(String name) {
        lock.lock();
        try {
            if (names.containsKey(name)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            names.put(name, Thread.currentThread());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wrong: a look-up under the read lock, then the add under the write lock. */
    public boolean claimReadThenWrite(String name) {
        readWrite.readLock().lock();
        try {
            if (names.containsKey(name)) {
                return false;
            }
        } finally {
            readWrite.readLock().unlock();
        }
        readWrite.writeLock().lock();
        try {
            names.put(name, Thread.currentThread());
            return true;
        } finally {
            readWrite.writeLock().unlock();
        }
    }
}
