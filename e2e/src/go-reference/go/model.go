package main

// The neutral form of katamon's model that the TypeScript side writes: the model's own field names,
// counters as decimal strings (exact uint64/int64), PSI averages as strings ("-0" survives), Maps as objects.

import (
	"encoding/json"
	"strconv"
	"strings"
)

type U64 uint64
type I64 int64
type F64 float64

func unquote(b []byte) string { return strings.Trim(string(b), `"`) }

func (u *U64) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseUint(unquote(b), 10, 64)
	*u = U64(v)
	return err
}

func (u *I64) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseInt(unquote(b), 10, 64)
	*u = I64(v)
	return err
}

func (f *F64) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseFloat(unquote(b), 64)
	*f = F64(v)
	return err
}

type mEvent struct {
	Type string          `json:"type"`
	ID   GStr            `json:"id"`
	Data json.RawMessage `json:"data"`
}

type mPsiData struct {
	Avg10  F64 `json:"avg10"`
	Avg60  F64 `json:"avg60"`
	Avg300 F64 `json:"avg300"`
	Total  U64 `json:"total"`
}

type mPsi struct {
	Some mPsiData `json:"some"`
	Full mPsiData `json:"full"`
}

type mCpu struct {
	Usage struct {
		Total        U64   `json:"total"`
		Percpu       []U64 `json:"percpu"`
		PercpuKernel []U64 `json:"percpuKernel"`
		PercpuUser   []U64 `json:"percpuUser"`
		Kernel       U64   `json:"kernel"`
		User         U64   `json:"user"`
	} `json:"usage"`
	Throttling struct {
		Periods          U64 `json:"periods"`
		ThrottledPeriods U64 `json:"throttledPeriods"`
		ThrottledTime    U64 `json:"throttledTime"`
	} `json:"throttling"`
	Psi *mPsi `json:"psi"`
}

type mCpuset struct {
	Cpus                  []uint16 `json:"cpus"`
	CpuExclusive          U64      `json:"cpuExclusive"`
	Mems                  []uint16 `json:"mems"`
	MemHardwall           U64      `json:"memHardwall"`
	MemExclusive          U64      `json:"memExclusive"`
	MemoryMigrate         U64      `json:"memoryMigrate"`
	MemorySpreadPage      U64      `json:"memorySpreadPage"`
	MemorySpreadSlab      U64      `json:"memorySpreadSlab"`
	MemoryPressure        U64      `json:"memoryPressure"`
	SchedLoadBalance      U64      `json:"schedLoadBalance"`
	SchedRelaxDomainLevel I64      `json:"schedRelaxDomainLevel"`
}

type mMemoryEntry struct {
	Limit   U64 `json:"limit"`
	Usage   U64 `json:"usage"`
	Max     U64 `json:"max"`
	Failcnt U64 `json:"failcnt"`
}

type mMemory struct {
	Cache     U64          `json:"cache"`
	Usage     mMemoryEntry `json:"usage"`
	Swap      mMemoryEntry `json:"swap"`
	Kernel    mMemoryEntry `json:"kernel"`
	KernelTCP mMemoryEntry `json:"kernelTCP"`
	Raw       entries[U64] `json:"raw"`
	Psi       *mPsi        `json:"psi"`
}

type mBlkioEntry struct {
	Major U64  `json:"major"`
	Minor U64  `json:"minor"`
	Op    GStr `json:"op"`
	Value U64  `json:"value"`
}

type mBlkio struct {
	IoServiceBytesRecursive []mBlkioEntry `json:"ioServiceBytesRecursive"`
	IoServicedRecursive     []mBlkioEntry `json:"ioServicedRecursive"`
	IoQueueRecursive        []mBlkioEntry `json:"ioQueueRecursive"`
	IoServiceTimeRecursive  []mBlkioEntry `json:"ioServiceTimeRecursive"`
	IoWaitTimeRecursive     []mBlkioEntry `json:"ioWaitTimeRecursive"`
	IoMergedRecursive       []mBlkioEntry `json:"ioMergedRecursive"`
	IoTimeRecursive         []mBlkioEntry `json:"ioTimeRecursive"`
	SectorsRecursive        []mBlkioEntry `json:"sectorsRecursive"`
	Psi                     *mPsi         `json:"psi"`
}

type mHugetlb struct {
	Usage   U64 `json:"usage"`
	Max     U64 `json:"max"`
	Failcnt U64 `json:"failcnt"`
}

type mIntelRdt struct {
	L3CacheInfo *struct {
		CbmMask    GStr `json:"cbmMask"`
		MinCbmBits U64  `json:"minCbmBits"`
		NumClosids U64  `json:"numClosids"`
	} `json:"l3CacheInfo"`
	L3CacheSchemaRoot GStr `json:"l3CacheSchemaRoot"`
	L3CacheSchema     GStr `json:"l3CacheSchema"`
	MemBwInfo         *struct {
		BandwidthGran U64 `json:"bandwidthGran"`
		DelayLinear   U64 `json:"delayLinear"`
		MinBandwidth  U64 `json:"minBandwidth"`
		NumClosids    U64 `json:"numClosids"`
	} `json:"memBwInfo"`
	MemBwSchemaRoot GStr `json:"memBwSchemaRoot"`
	MemBwSchema     GStr `json:"memBwSchema"`
}

type mInterface struct {
	Name      GStr `json:"name"`
	RxBytes   U64  `json:"rxBytes"`
	RxPackets U64  `json:"rxPackets"`
	RxErrors  U64  `json:"rxErrors"`
	RxDropped U64  `json:"rxDropped"`
	TxBytes   U64  `json:"txBytes"`
	TxPackets U64  `json:"txPackets"`
	TxErrors  U64  `json:"txErrors"`
	TxDropped U64  `json:"txDropped"`
}

type mTcp struct {
	Established U64 `json:"established"`
	SynSent     U64 `json:"synSent"`
	SynRecv     U64 `json:"synRecv"`
	FinWait1    U64 `json:"finWait1"`
	FinWait2    U64 `json:"finWait2"`
	TimeWait    U64 `json:"timeWait"`
	Close       U64 `json:"close"`
	CloseWait   U64 `json:"closeWait"`
	LastAck     U64 `json:"lastAck"`
	Listen      U64 `json:"listen"`
	Closing     U64 `json:"closing"`
}

type mUdp struct {
	Sockets U64 `json:"sockets"`
	Drops   U64 `json:"drops"`
	TxQueue U64 `json:"txQueue"`
	RxQueue U64 `json:"rxQueue"`
}

type mNetwork struct {
	Interfaces []mInterface `json:"interfaces"`
	Tcp        mTcp         `json:"tcp"`
	Tcp6       mTcp         `json:"tcp6"`
	Udp        mUdp         `json:"udp"`
	Udp6       mUdp         `json:"udp6"`
}

type mStats struct {
	Cpu            *mCpu                         `json:"cpu"`
	Cpuset         *mCpuset                      `json:"cpuset"`
	Memory         *mMemory                      `json:"memory"`
	Pids           *struct{ Current, Limit U64 } `json:"pids"`
	Blkio          *mBlkio                       `json:"blkio"`
	Hugetlb        entries[mHugetlb]             `json:"hugetlb"`
	IntelRdt       *mIntelRdt                    `json:"intelRdt"`
	Network        *mNetwork                     `json:"network"`
	RuncInterfaces *[]mInterface                 `json:"runcInterfaces"`
}

func u64s(in []U64) []uint64 {
	if len(in) == 0 {
		return nil
	}
	out := make([]uint64, len(in))
	for i, v := range in {
		out[i] = uint64(v)
	}
	return out
}
