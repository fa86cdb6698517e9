"""The demo council: invented regulator files in their real published layouts
(`careqa demo-data`), and `load_demo`, which imports them and sets up a working team."""
