package main

// runc's types/events.go as runc 1.2-1.3 declare it (events-contract §2.a, before the v1.4 omitzero
// changes), PSIStats as opencontainers/cgroups <= v0.0.6 declares it.

type psiData struct {
	Avg10  float64 `json:"avg10"`
	Avg60  float64 `json:"avg60"`
	Avg300 float64 `json:"avg300"`
	Total  uint64  `json:"total"`
}

type psiStats struct {
	Some psiData `json:"some,omitempty"`
	Full psiData `json:"full,omitempty"`
}

type runcCpuUsage struct {
	Total        uint64   `json:"total,omitempty"`
	Percpu       []uint64 `json:"percpu,omitempty"`
	PercpuKernel []uint64 `json:"percpu_kernel,omitempty"`
	PercpuUser   []uint64 `json:"percpu_user,omitempty"`
	Kernel       uint64   `json:"kernel"`
	User         uint64   `json:"user"`
}

type runcCpu struct {
	Usage      runcCpuUsage `json:"usage,omitempty"`
	Throttling throttling   `json:"throttling,omitempty"`
	PSI        *psiStats    `json:"psi,omitempty"`
}

type cpuSet struct {
	CPUs                  []uint16 `json:"cpus,omitempty"`
	CPUExclusive          uint64   `json:"cpu_exclusive"`
	Mems                  []uint16 `json:"mems,omitempty"`
	MemHardwall           uint64   `json:"mem_hardwall"`
	MemExclusive          uint64   `json:"mem_exclusive"`
	MemoryMigrate         uint64   `json:"memory_migrate"`
	MemorySpreadPage      uint64   `json:"memory_spread_page"`
	MemorySpreadSlab      uint64   `json:"memory_spread_slab"`
	MemoryPressure        uint64   `json:"memory_pressure"`
	SchedLoadBalance      uint64   `json:"sched_load_balance"`
	SchedRelaxDomainLevel int64    `json:"sched_relax_domain_level"`
}

type runcMemory struct {
	Cache     uint64            `json:"cache,omitempty"`
	Usage     memoryEntry       `json:"usage,omitempty"`
	Swap      memoryEntry       `json:"swap,omitempty"`
	Kernel    memoryEntry       `json:"kernel,omitempty"`
	KernelTCP memoryEntry       `json:"kernelTCP,omitempty"`
	Raw       map[string]uint64 `json:"raw,omitempty"`
	PSI       *psiStats         `json:"psi,omitempty"`
}

type runcBlkio struct {
	IoServiceBytesRecursive []blkioEntry `json:"ioServiceBytesRecursive,omitempty"`
	IoServicedRecursive     []blkioEntry `json:"ioServicedRecursive,omitempty"`
	IoQueuedRecursive       []blkioEntry `json:"ioQueueRecursive,omitempty"`
	IoServiceTimeRecursive  []blkioEntry `json:"ioServiceTimeRecursive,omitempty"`
	IoWaitTimeRecursive     []blkioEntry `json:"ioWaitTimeRecursive,omitempty"`
	IoMergedRecursive       []blkioEntry `json:"ioMergedRecursive,omitempty"`
	IoTimeRecursive         []blkioEntry `json:"ioTimeRecursive,omitempty"`
	SectorsRecursive        []blkioEntry `json:"sectorsRecursive,omitempty"`
	PSI                     *psiStats    `json:"psi,omitempty"`
}

type memBwInfo struct {
	BandwidthGran uint64 `json:"bandwidth_gran,omitempty"`
	DelayLinear   uint64 `json:"delay_linear,omitempty"`
	MinBandwidth  uint64 `json:"min_bandwidth,omitempty"`
	NumClosids    uint64 `json:"num_closids,omitempty"`
}

type mbmNumaNodeStats struct {
	MBMTotalBytes uint64 `json:"mbm_total_bytes"`
	MBMLocalBytes uint64 `json:"mbm_local_bytes"`
}

type cmtNumaNodeStats struct {
	LLCOccupancy uint64 `json:"llc_occupancy"`
}

type runcIntelRdt struct {
	L3CacheInfo       *l3CacheInfo        `json:"l3_cache_info,omitempty"`
	L3CacheSchemaRoot string              `json:"l3_cache_schema_root,omitempty"`
	L3CacheSchema     string              `json:"l3_cache_schema,omitempty"`
	MemBwInfo         *memBwInfo          `json:"mem_bw_info,omitempty"`
	MemBwSchemaRoot   string              `json:"mem_bw_schema_root,omitempty"`
	MemBwSchema       string              `json:"mem_bw_schema,omitempty"`
	MBMStats          *[]mbmNumaNodeStats `json:"mbm_stats,omitempty"`
	CMTStats          *[]cmtNumaNodeStats `json:"cmt_stats,omitempty"`
}

// NetworkInterface has no json tags in runc: the field names are the keys.
type networkInterface struct {
	Name      string
	RxBytes   uint64
	RxPackets uint64
	RxErrors  uint64
	RxDropped uint64
	TxBytes   uint64
	TxPackets uint64
	TxErrors  uint64
	TxDropped uint64
}

type runcStats struct {
	CPU               runcCpu             `json:"cpu"`
	CPUSet            cpuSet              `json:"cpuset"`
	Memory            runcMemory          `json:"memory"`
	Pids              pids                `json:"pids"`
	Blkio             runcBlkio           `json:"blkio"`
	Hugetlb           map[string]hugetlb  `json:"hugetlb"`
	IntelRdt          runcIntelRdt        `json:"intel_rdt"`
	NetworkInterfaces []*networkInterface `json:"network_interfaces"`
}

func toPsi(p *mPsi) *psiStats {
	if p == nil {
		return nil
	}
	d := func(x mPsiData) psiData {
		return psiData{float64(x.Avg10), float64(x.Avg60), float64(x.Avg300), uint64(x.Total)}
	}
	return &psiStats{d(p.Some), d(p.Full)}
}

func toRunc(m *mStats) *runcStats {
	if m == nil {
		return nil
	}
	s := &runcStats{Hugetlb: toHugetlb(m.Hugetlb)}
	if c := m.Cpu; c != nil {
		u := c.Usage
		s.CPU.Usage = runcCpuUsage{uint64(u.Total), u64s(u.Percpu), u64s(u.PercpuKernel), u64s(u.PercpuUser), uint64(u.Kernel), uint64(u.User)}
		s.CPU.Throttling = toThrottling(c)
		s.CPU.PSI = toPsi(c.Psi)
	}
	if c := m.Cpuset; c != nil {
		s.CPUSet = cpuSet{c.Cpus, uint64(c.CpuExclusive), c.Mems, uint64(c.MemHardwall), uint64(c.MemExclusive),
			uint64(c.MemoryMigrate), uint64(c.MemorySpreadPage), uint64(c.MemorySpreadSlab), uint64(c.MemoryPressure),
			uint64(c.SchedLoadBalance), int64(c.SchedRelaxDomainLevel)}
	}
	if mem := m.Memory; mem != nil {
		s.Memory = runcMemory{uint64(mem.Cache), toEntry(mem.Usage), toEntry(mem.Swap), toEntry(mem.Kernel),
			toEntry(mem.KernelTCP), toRaw(mem.Raw), toPsi(mem.Psi)}
	}
	if p := m.Pids; p != nil {
		s.Pids = pids{uint64(p.Current), uint64(p.Limit)}
	}
	if b := m.Blkio; b != nil {
		s.Blkio = runcBlkio{toBlkio(b.IoServiceBytesRecursive), toBlkio(b.IoServicedRecursive), toBlkio(b.IoQueueRecursive),
			toBlkio(b.IoServiceTimeRecursive), toBlkio(b.IoWaitTimeRecursive), toBlkio(b.IoMergedRecursive),
			toBlkio(b.IoTimeRecursive), toBlkio(b.SectorsRecursive), toPsi(b.Psi)}
	}
	if r := m.IntelRdt; r != nil {
		s.IntelRdt = runcIntelRdt{L3CacheInfo: toL3(r), L3CacheSchemaRoot: string(r.L3CacheSchemaRoot), L3CacheSchema: string(r.L3CacheSchema),
			MemBwSchemaRoot: string(r.MemBwSchemaRoot), MemBwSchema: string(r.MemBwSchema)}
		if b := r.MemBwInfo; b != nil {
			s.IntelRdt.MemBwInfo = &memBwInfo{uint64(b.BandwidthGran), uint64(b.DelayLinear), uint64(b.MinBandwidth), uint64(b.NumClosids)}
		}
	}
	if m.RuncInterfaces != nil {
		s.NetworkInterfaces = make([]*networkInterface, 0, len(*m.RuncInterfaces))
		for _, f := range *m.RuncInterfaces {
			s.NetworkInterfaces = append(s.NetworkInterfaces, &networkInterface{string(f.Name), uint64(f.RxBytes), uint64(f.RxPackets),
				uint64(f.RxErrors), uint64(f.RxDropped), uint64(f.TxBytes), uint64(f.TxPackets), uint64(f.TxErrors), uint64(f.TxDropped)})
		}
	}
	return s
}
