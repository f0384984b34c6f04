/// Deadline-ordered callbacks for a loop.
struct TimerQueue {
    typealias ID = UInt64
    private var heap: [(deadline: ContinuousClock.Instant, id: ID)] = []
    private var work: [ID: () -> Void] = [:]
    private var nextID: ID = 1

    var nextDeadline: ContinuousClock.Instant? {
        mutating get {
        while let top = heap.first, work[top.id] == nil { popTop() }
        return heap.first?.deadline
        }
    }

    mutating func add(_ deadline: ContinuousClock.Instant, _ callback: @escaping () -> Void) -> ID {
        let id = nextID
        nextID += 1
        work[id] = callback
        heap.append((deadline, id))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
        return id
    }

    mutating func cancel(_ id: ID) { work[id] = nil }

    mutating func takeDue(now: ContinuousClock.Instant) -> [() -> Void] {
        var due: [() -> Void] = []
        while let top = heap.first, top.deadline <= now {
            popTop()
            if let callback = work.removeValue(forKey: top.id) { due.append(callback) }
        }
        return due
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
