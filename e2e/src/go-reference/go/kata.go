package main

// The oe-kata `kata-runtime events` types (events-contract §2.b-2.c): kata 1.11.1 cli/events.go plus the
// openEuler network fields, with their json tags.

type event struct {
	Type string      `json:"type"`
	ID   string      `json:"id"`
	Data interface{} `json:"data,omitempty"`
}

type cpuUsage struct {
	Total  uint64   `json:"total,omitempty"`
	Percpu []uint64 `json:"percpu,omitempty"`
	Kernel uint64   `json:"kernel"`
	User   uint64   `json:"user"`
}

type throttling struct {
	Periods          uint64 `json:"periods,omitempty"`
	ThrottledPeriods uint64 `json:"throttledPeriods,omitempty"`
	ThrottledTime    uint64 `json:"throttledTime,omitempty"`
}

type kataCpu struct {
	Usage      cpuUsage   `json:"usage,omitempty"`
	Throttling throttling `json:"throttling,omitempty"`
}

type memoryEntry struct {
	Limit   uint64 `json:"limit"`
	Usage   uint64 `json:"usage,omitempty"`
	Max     uint64 `json:"max,omitempty"`
	Failcnt uint64 `json:"failcnt"`
}

type kataMemory struct {
	Cache     uint64            `json:"cache,omitempty"`
	Usage     memoryEntry       `json:"usage,omitempty"`
	Swap      memoryEntry       `json:"swap,omitempty"`
	Kernel    memoryEntry       `json:"kernel,omitempty"`
	KernelTCP memoryEntry       `json:"kernelTCP,omitempty"`
	Raw       map[string]uint64 `json:"raw,omitempty"`
}

type pids struct {
	Current uint64 `json:"current,omitempty"`
	Limit   uint64 `json:"limit,omitempty"`
}

type blkioEntry struct {
	Major uint64 `json:"major,omitempty"`
	Minor uint64 `json:"minor,omitempty"`
	Op    string `json:"op,omitempty"`
	Value uint64 `json:"value,omitempty"`
}

type kataBlkio struct {
	IoServiceBytesRecursive []blkioEntry `json:"ioServiceBytesRecursive,omitempty"`
	IoServicedRecursive     []blkioEntry `json:"ioServicedRecursive,omitempty"`
	IoQueuedRecursive       []blkioEntry `json:"ioQueueRecursive,omitempty"`
	IoServiceTimeRecursive  []blkioEntry `json:"ioServiceTimeRecursive,omitempty"`
	IoWaitTimeRecursive     []blkioEntry `json:"ioWaitTimeRecursive,omitempty"`
	IoMergedRecursive       []blkioEntry `json:"ioMergedRecursive,omitempty"`
	IoTimeRecursive         []blkioEntry `json:"ioTimeRecursive,omitempty"`
	SectorsRecursive        []blkioEntry `json:"sectorsRecursive,omitempty"`
}

type hugetlb struct {
	Usage   uint64 `json:"usage,omitempty"`
	Max     uint64 `json:"max,omitempty"`
	Failcnt uint64 `json:"failcnt"`
}

type l3CacheInfo struct {
	CbmMask    string `json:"cbm_mask,omitempty"`
	MinCbmBits uint64 `json:"min_cbm_bits,omitempty"`
	NumClosids uint64 `json:"num_closids,omitempty"`
}

type kataIntelRdt struct {
	L3CacheInfo       *l3CacheInfo `json:"l3_cache_info,omitempty"`
	L3CacheSchemaRoot string       `json:"l3_cache_schema_root,omitempty"`
	L3CacheSchema     string       `json:"l3_cache_schema,omitempty"`
}

type interfaceStats struct {
	Name      string `json:"name"`
	RxBytes   uint64 `json:"rx_bytes"`
	RxPackets uint64 `json:"rx_packets"`
	RxErrors  uint64 `json:"rx_errors"`
	RxDropped uint64 `json:"rx_dropped"`
	TxBytes   uint64 `json:"tx_bytes"`
	TxPackets uint64 `json:"tx_packets"`
	TxErrors  uint64 `json:"tx_errors"`
	TxDropped uint64 `json:"tx_dropped"`
}

type tcpStat struct {
	Established uint64 `json:"established,omitempty"`
	SynSent     uint64 `json:"syn_sent,omitempty"`
	SynRecv     uint64 `json:"syn_recv,omitempty"`
	FinWait1    uint64 `json:"fin_wait1,omitempty"`
	FinWait2    uint64 `json:"fin_wait2,omitempty"`
	TimeWait    uint64 `json:"time_wait,omitempty"`
	Close       uint64 `json:"close,omitempty"`
	CloseWait   uint64 `json:"close_wait,omitempty"`
	LastAck     uint64 `json:"last_ack,omitempty"`
	Listen      uint64 `json:"listen,omitempty"`
	Closing     uint64 `json:"closing,omitempty"`
}

type udpStat struct {
	Listen   uint64 `json:"listen,omitempty"`
	Dropped  uint64 `json:"dropped,omitempty"`
	RxQueued uint64 `json:"rx_queued,omitempty"`
	TxQueued uint64 `json:"tx_queued,omitempty"`
}

type kataStats struct {
	CPU        kataCpu            `json:"cpu"`
	Memory     kataMemory         `json:"memory"`
	Pids       pids               `json:"pids"`
	Blkio      kataBlkio          `json:"blkio"`
	Hugetlb    map[string]hugetlb `json:"hugetlb"`
	IntelRdt   kataIntelRdt       `json:"intel_rdt"`
	Interfaces []interfaceStats   `json:"interfaces"`
	Tcp        tcpStat            `json:"tcp"`
	Tcp6       tcpStat            `json:"tcp6"`
	Udp        udpStat            `json:"udp"`
	Udp6       udpStat            `json:"udp6"`
}

func toKata(m *mStats) *kataStats {
	if m == nil {
		return nil
	}
	s := &kataStats{Hugetlb: toHugetlb(m.Hugetlb)}
	if c := m.Cpu; c != nil {
		s.CPU.Usage = cpuUsage{uint64(c.Usage.Total), u64s(c.Usage.Percpu), uint64(c.Usage.Kernel), uint64(c.Usage.User)}
		s.CPU.Throttling = toThrottling(c)
	}
	if mem := m.Memory; mem != nil {
		s.Memory = kataMemory{uint64(mem.Cache), toEntry(mem.Usage), toEntry(mem.Swap), toEntry(mem.Kernel), toEntry(mem.KernelTCP), toRaw(mem.Raw)}
	}
	if p := m.Pids; p != nil {
		s.Pids = pids{uint64(p.Current), uint64(p.Limit)}
	}
	if b := m.Blkio; b != nil {
		s.Blkio = kataBlkio{toBlkio(b.IoServiceBytesRecursive), toBlkio(b.IoServicedRecursive), toBlkio(b.IoQueueRecursive),
			toBlkio(b.IoServiceTimeRecursive), toBlkio(b.IoWaitTimeRecursive), toBlkio(b.IoMergedRecursive),
			toBlkio(b.IoTimeRecursive), toBlkio(b.SectorsRecursive)}
	}
	if r := m.IntelRdt; r != nil {
		s.IntelRdt = kataIntelRdt{toL3(r), string(r.L3CacheSchemaRoot), string(r.L3CacheSchema)}
	}
	if n := m.Network; n != nil {
		s.Interfaces = make([]interfaceStats, 0, len(n.Interfaces))
		for _, f := range n.Interfaces {
			s.Interfaces = append(s.Interfaces, toIface(f))
		}
		s.Tcp, s.Tcp6 = toTcp(n.Tcp), toTcp(n.Tcp6)
		s.Udp, s.Udp6 = toUdp(n.Udp), toUdp(n.Udp6)
	}
	return s
}

func toThrottling(c *mCpu) throttling {
	t := c.Throttling
	return throttling{uint64(t.Periods), uint64(t.ThrottledPeriods), uint64(t.ThrottledTime)}
}

func toEntry(e mMemoryEntry) memoryEntry {
	return memoryEntry{uint64(e.Limit), uint64(e.Usage), uint64(e.Max), uint64(e.Failcnt)}
}

func toRaw(in entries[U64]) map[string]uint64 {
	out := make(map[string]uint64, len(in))
	for _, e := range in {
		out[string(e.K)] = uint64(e.V)
	}
	return out
}

func toHugetlb(in entries[mHugetlb]) map[string]hugetlb {
	out := make(map[string]hugetlb)
	for _, e := range in {
		out[string(e.K)] = hugetlb{uint64(e.V.Usage), uint64(e.V.Max), uint64(e.V.Failcnt)}
	}
	return out
}

func toBlkio(in []mBlkioEntry) []blkioEntry {
	var out []blkioEntry
	for _, e := range in {
		out = append(out, blkioEntry{uint64(e.Major), uint64(e.Minor), string(e.Op), uint64(e.Value)})
	}
	return out
}

func toL3(r *mIntelRdt) *l3CacheInfo {
	if r.L3CacheInfo == nil {
		return nil
	}
	return &l3CacheInfo{string(r.L3CacheInfo.CbmMask), uint64(r.L3CacheInfo.MinCbmBits), uint64(r.L3CacheInfo.NumClosids)}
}

func toIface(f mInterface) interfaceStats {
	return interfaceStats{string(f.Name), uint64(f.RxBytes), uint64(f.RxPackets), uint64(f.RxErrors), uint64(f.RxDropped),
		uint64(f.TxBytes), uint64(f.TxPackets), uint64(f.TxErrors), uint64(f.TxDropped)}
}

func toTcp(t mTcp) tcpStat {
	return tcpStat{uint64(t.Established), uint64(t.SynSent), uint64(t.SynRecv), uint64(t.FinWait1), uint64(t.FinWait2),
		uint64(t.TimeWait), uint64(t.Close), uint64(t.CloseWait), uint64(t.LastAck), uint64(t.Listen), uint64(t.Closing)}
}

// openEuler's agent names: listen = every socket line, rx_queued = the kernel's tx_queue column (§2.c).
func toUdp(u mUdp) udpStat {
	return udpStat{Listen: uint64(u.Sockets), Dropped: uint64(u.Drops), RxQueued: uint64(u.TxQueue), TxQueued: uint64(u.RxQueue)}
}
